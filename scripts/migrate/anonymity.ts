/**
 * One-off migration of suggestions written before the capability-secret design (functions/suggestion-box/keys.ts):
 * removes every stored link between an anonymous suggestion and its author. Idempotent; run once per stage after
 * deploying, with the operator's own credentials, because it Scans and deletes items — actions no function's role
 * holds (least privilege). `npm start` runs the same code in its seed.
 *
 *   TABLE_NAME=party-platform-prod AWS_REGION=cn-north-1 npm run migrate:anonymity
 */
import { migrateAnonymity } from '../../functions/suggestion-box/migrate-anonymity';

migrateAnonymity()
  .then((result) => console.log(`anonymity migration: ${JSON.stringify(result)}`))
  .catch((error: unknown) => {
    console.error('anonymity migration failed:', error);
    process.exitCode = 1;
  });
