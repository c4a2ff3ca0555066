import { migrateMemberDirectory } from '../../functions/identity/migrate-directory';
import { createMemberIfAbsent, putDemoAccountIds, putOrgUnit } from '../../functions/identity/store';
import { CAPABILITY_SEEDS, type SeedOptions } from './capability-seeds';
import { DEMO_ACCOUNTS, DEMO_ORG, demoMembers } from './demo-data';

/**
 * Seeds the demo organisation through the same store the identity function uses. Members already in
 * the table are left as they are, so a second `npm start` keeps whatever was changed in the app.
 */
export async function seedDemo(options: SeedOptions = {}): Promise<{ orgUnits: number; membersCreated: number; members: number; capabilities: string[] }> {
  for (const unit of DEMO_ORG) await putOrgUnit(unit);
  const members = demoMembers();
  let membersCreated = 0;
  for (const member of members) if (await createMemberIfAbsent(member)) membersCreated += 1;
  // Data kept from before the directory was sharded moves to its shards (nothing to do on a new table).
  await migrateMemberDirectory();
  await putDemoAccountIds(DEMO_ACCOUNTS.map((account) => account.userId));
  const capabilities: string[] = [];
  for (const seed of CAPABILITY_SEEDS) capabilities.push(`${seed.name}: ${await seed.run(options)}`);
  return { orgUnits: DEMO_ORG.length, membersCreated, members: members.length, capabilities };
}
