/**
 * One-off migration of the dues ledger from the single global chain to one chain per branch
 * (functions/dues/migrate-ledger.ts): verifies the single chain, pins it as the genesis record every branch
 * chain links to, and checks the branch chains opened since the deploy. Idempotent and resumable (progress is
 * saved after each page of 1,000 entries); run once per stage after deploying, with the operator's own
 * credentials, until it prints `migrated` (or `already-migrated`). A broken single chain stops it, naming the entry.
 *
 *   TABLE_NAME=party-platform-prod AWS_REGION=cn-north-1 npm run migrate:ledger
 */
import { migrateLedger } from '../../functions/dues/migrate-ledger';

migrateLedger()
  .then((result) => console.log(`ledger migration: ${JSON.stringify(result)}`))
  .catch((error: unknown) => {
    console.error('ledger migration failed:', error);
    process.exitCode = 1;
  });
