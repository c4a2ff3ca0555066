/**
 * One-off migration of the member directory to its shards (issue 17: the all-members index partition `MEMBERS`
 * took every profile write). Idempotent; run once per stage after deploying, with the operator's own credentials,
 * because it updates profiles' index keys — an action the identity function's role does not hold. Until it has
 * run, readers gather the old partition beside the shards. `npm start` runs the same code in its seed.
 *
 *   TABLE_NAME=party-platform-prod AWS_REGION=cn-north-1 npm run migrate:member-directory
 */
import { migrateMemberDirectory } from '../../functions/identity/migrate-directory';

migrateMemberDirectory()
  .then((result) => console.log(`member directory migration: ${JSON.stringify(result)}`))
  .catch((error: unknown) => {
    console.error('member directory migration failed:', error);
    process.exitCode = 1;
  });
