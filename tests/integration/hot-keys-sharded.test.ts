/**
 * The hot partitions spread over shards (issue 17 item 6) still read as one: listing and searching the roster,
 * the feedback rollups and the month's learning log give the same answers as the single partition did, over
 * data written sharded and over items still in the pre-sharding layout (both are read during the transition; the
 * directory's old partition is emptied by its migration, the rollups and the log age out of what is read).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as identityHandler } from '../../functions/identity/handler';
import { migrateMemberDirectory } from '../../functions/identity/migrate-directory';
import { adminUserIds } from '../../functions/feedback/store';
import { dashboard } from '../../functions/feedback/dashboard';
import { metricRows, type MetricRow } from '../../functions/feedback/usage-store';
import { usageTotals } from '../../functions/course-push/store/metrics-store';
import { interactionsIn, putRecords, type StoredRecord } from '../../functions/course-push/store/learning-store';
import { rebuildModel } from '../../functions/course-push/model';
import { LEARNLOG_SHARDS } from '../../functions/course-push/keys';
import { DEMO_ACCOUNTS, demoMembers } from '../../scripts/local/demo-data';
import type { MemberCategory } from '../../shared/api/identity-model';
import { db, tableName } from '../../shared/runtime/db';
import { recordUsage, ROLLUP_SHARDS } from '../../shared/runtime/feedback-signals';
import { memberPage } from '../../shared/runtime/member-directory';
import { issueSession } from '../../shared/runtime/session';
import { keys, MEMBER_DIRECTORY_SHARDS, memberDirectoryPartitions } from '../../shared/runtime/table';
import { shardOf } from '../../shared/runtime/write-shards';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

jest.setTimeout(180_000);
useSeededTable();

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function partitionSize(index: 'gsi1' | 'gsi2', partition: string): Promise<number> {
  const reply = await db().send(
    new QueryCommand({ TableName: tableName(), IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': partition }, Select: 'COUNT' }),
  );
  return reply.Count ?? 0;
}

describe('the member directory over its shards', () => {
  const members = demoMembers();
  /** What the single MEMBERS partition answered: everyone, in roster order (branch, then userid). */
  const rosterOrder = members.map((member) => `${member.branchId}#${member.userId}`).sort(byText).map((key) => key.split('#')[1]!);
  let adminToken: string;

  beforeAll(async () => {
    adminToken = (await issueSession(DEMO_ACCOUNTS.find((account) => account.userId === 'demo-admin')!)).token;
  });

  async function listedByAdmin(pageSize: number, query: Record<string, string> = {}): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const reply = await call(identityHandler, 'GET', '/api/v1/members', { token: adminToken, query: { limit: String(pageSize), ...query, ...(cursor ? { cursor } : {}) } });
      expect(reply.status).toBe(200);
      seen.push(...(reply.body.items as Array<{ userId: string }>).map((member) => member.userId));
      cursor = reply.body.nextCursor as string | undefined;
    } while (cursor);
    return seen;
  }

  async function pagedForJobs(pageSize: number, from?: Record<string, unknown>): Promise<string[]> {
    const seen: string[] = [];
    let after = from;
    do {
      const page = await memberPage(after, pageSize);
      seen.push(...page.members.map((member) => member.userId));
      after = page.next;
    } while (after);
    return seen;
  }

  /** Puts some members back in the pre-sharding layout (gsi2pk MEMBERS), as a table not yet migrated holds them. */
  async function unshard(userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.member(userId), UpdateExpression: 'SET gsi2pk = :legacy', ExpressionAttributeValues: { ':legacy': 'MEMBERS' } }));
    }
  }

  it('spreads the profiles over the shards, none left in the single partition', async () => {
    const sizes = await Promise.all(memberDirectoryPartitions().map((partition) => partitionSize('gsi2', partition)));
    expect(sizes[0]).toBe(0);
    expect(sizes.slice(1).reduce((sum, size) => sum + size, 0)).toBe(members.length);
    // 79 members over 8 shards: each shard holds some, none holds more than a third.
    expect(sizes.slice(1).every((size) => size > 0 && size < members.length / 3)).toBe(true);
    expect(sizes.length).toBe(MEMBER_DIRECTORY_SHARDS + 1);
  });

  it('lists everyone exactly once in roster order, page by page, for the admin and for jobs', async () => {
    expect(await listedByAdmin(7)).toEqual(rosterOrder);
    expect(await listedByAdmin(200)).toEqual(rosterOrder);
    expect(await pagedForJobs(10)).toEqual(rosterOrder);
  });

  it('reads the same with a third of the roster still in the pre-sharding layout, and resumes from a position saved before sharding', async () => {
    await unshard(rosterOrder.filter((_, position) => position % 3 === 0));
    expect(await partitionSize('gsi2', 'MEMBERS')).toBe(Math.ceil(rosterOrder.length / 3));
    expect(await listedByAdmin(7)).toEqual(rosterOrder);
    expect(await pagedForJobs(9)).toEqual(rosterOrder);

    // A weekly push saved its position as DynamoDB's LastEvaluatedKey of the single partition.
    const stoppedAt = members.find((member) => member.userId === rosterOrder[29])!;
    const savedPosition = { ...keys.member(stoppedAt.userId), gsi2pk: 'MEMBERS', gsi2sk: `${stoppedAt.branchId}#${stoppedAt.userId}` };
    expect(await pagedForJobs(10, savedPosition)).toEqual(rosterOrder.slice(30));
  });

  it('searches across shards and layouts: filters, names and the admins a guardrail notifies', async () => {
    const rangers = members.filter((member) => member.category === 'ranger');
    const expectedRangers = rosterOrder.filter((userId) => rangers.some((ranger) => ranger.userId === userId));
    expect(await listedByAdmin(3, { category: 'ranger' })).toEqual(expectedRangers);
    expect(await listedByAdmin(50, { q: 'ygl' })).toEqual(['demo-admin']);
    const admins = members.filter((member) => member.roles.includes('admin')).map((member) => member.userId);
    expect((await adminUserIds()).sort()).toEqual(admins.sort());
  });

  it('migrates the profiles left in the old partition into their shards, once, and lists the same after', async () => {
    const left = await partitionSize('gsi2', 'MEMBERS');
    expect(left).toBeGreaterThan(0);
    // A profile edited by a copy still running the old code lands back in the old partition with a new branch.
    const moving = members.find((member) => member.userId === rosterOrder[0])!;
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.member(moving.userId), UpdateExpression: 'SET branchId = :branch, gsi2sk = :roster', ExpressionAttributeValues: { ':branch': 'xinlin-office', ':roster': `xinlin-office#${moving.userId}` } }));

    expect(await migrateMemberDirectory()).toEqual({ moved: left, skipped: 0 });
    expect(await partitionSize('gsi2', 'MEMBERS')).toBe(0);
    const moved = await db().send(new GetCommand({ TableName: tableName(), Key: keys.member(moving.userId) }));
    expect([moved.Item?.gsi2pk, moved.Item?.gsi2sk]).toEqual([`MEMBERS#${shardOf(moving.userId, MEMBER_DIRECTORY_SHARDS)}`, `xinlin-office#${moving.userId}`]);
    expect(await migrateMemberDirectory()).toEqual({ moved: 0, skipped: 0 });

    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.member(moving.userId), UpdateExpression: 'SET branchId = :branch, gsi2sk = :roster', ExpressionAttributeValues: { ':branch': moving.branchId, ':roster': `${moving.branchId}#${moving.userId}` } }));
    expect(await listedByAdmin(7)).toEqual(rosterOrder);
  });
});

describe('feedback rollups over their shards', () => {
  // A day no demo activity touches, so the figures are this test's alone.
  const day = '2026-01-15';
  const at = new Date('2026-01-15T02:30:00Z');
  const hour = '2026-01-15T02';
  const categories: MemberCategory[] = ['ranger', 'office', 'retiree'];
  /** 40 branches: enough to land on every shard. */
  const writes = Array.from({ length: 40 }, (_, n) => ({ branchId: `test-branch-${String(n).padStart(2, '0')}`, category: categories[n % 3]!, count: n + 1 }));

  /** A rollup written before sharding: the old keys (no shard suffix), counters as the old writer left them. */
  async function putLegacyRow(item: Record<string, unknown>): Promise<void> {
    await db().send(new PutCommand({ TableName: tableName(), Item: { type: 'metric', feature: 'ui.large-text', ...item } }));
  }

  const countersOf = (rows: MetricRow[]) => rows.map((row) => ({ period: row.period, branchId: row.branchId, category: row.category, opened: row.counters['usage.opened'] }));

  beforeAll(async () => {
    for (const write of writes) await recordUsage({ feature: 'ui.large-text', action: 'opened', at, ...write });
    // The ranger's rollups of that day and hour had 1,000 opens before the release; branch 00 had 500 of them.
    await putLegacyRow({ pk: `METRIC#ui.large-text#${day}`, sk: '*#ranger', gsi1pk: 'METRICS-BY-CATEGORY#ui.large-text', gsi1sk: `${day}#ranger`, day, category: 'ranger', 'usage.opened': 1000 });
    await putLegacyRow({ pk: `METRICHOUR#ui.large-text#${hour}`, sk: 'ranger', gsi1pk: 'METRICS-BY-HOUR#ui.large-text', gsi1sk: `${hour}#ranger`, hour, category: 'ranger', 'usage.opened': 1000 });
    await putLegacyRow({
      pk: `METRIC#ui.large-text#${day}`,
      sk: 'test-branch-00#ranger',
      gsi1pk: 'METRICS#ui.large-text',
      gsi1sk: `${day}#test-branch-00#ranger`,
      day,
      branchId: 'test-branch-00',
      category: 'ranger',
      'usage.opened': 500,
    });
  });

  const sumFor = (category: MemberCategory) => writes.filter((write) => write.category === category).reduce((sum, write) => sum + write.count, 0);

  it('spreads one category’s counter over several shards', async () => {
    const usedShards = new Set(writes.filter((write) => write.category === 'ranger').map((write) => shardOf(write.branchId, ROLLUP_SHARDS)));
    expect(usedShards.size).toBeGreaterThan(4);
    const parts = await Promise.all([...usedShards].map((shard) => partitionSize('gsi1', `METRICS-BY-CATEGORY#ui.large-text#${shard}`)));
    expect(parts.every((count) => count >= 1)).toBe(true);
  });

  it('answers one row per day and category with the sum of its parts, old and new, as the single item did', async () => {
    expect(countersOf(await metricRows('ui.large-text', 'day-category', day, day))).toEqual([
      { period: day, branchId: undefined, category: 'office', opened: sumFor('office') },
      { period: day, branchId: undefined, category: 'ranger', opened: sumFor('ranger') + 1000 },
      { period: day, branchId: undefined, category: 'retiree', opened: sumFor('retiree') },
    ]);
    expect(countersOf(await metricRows('ui.large-text', 'hour-category', hour, hour))).toEqual([
      { period: hour, branchId: undefined, category: 'office', opened: sumFor('office') },
      { period: hour, branchId: undefined, category: 'ranger', opened: sumFor('ranger') + 1000 },
      { period: hour, branchId: undefined, category: 'retiree', opened: sumFor('retiree') },
    ]);
  });

  it('answers each branch’s row once, in branch order, with its old and new counts added', async () => {
    const rows = countersOf(await metricRows('ui.large-text', 'day-branch', day, day));
    expect(rows).toEqual(writes.map((write, n) => ({ period: day, branchId: write.branchId, category: write.category, opened: write.count + (n === 0 ? 500 : 0) })));
  });

  it('gives the dashboard and the course recommender the same totals', async () => {
    const total = writes.reduce((sum, write) => sum + write.count, 0);
    const board = await dashboard('ui.large-text', 1, new Date('2026-01-15T10:00:00Z'));
    expect(board.totals.opens).toBe(total + 1000);
    expect(board.byCategory.find((row) => row.category === 'ranger')?.opens).toBe(sumFor('ranger') + 1000);
    expect((await usageTotals('ui.large-text', day)).opened).toBe(total + 500);
  });
});

describe('the learning log over its shards', () => {
  const month = '2026-02';
  const learners = demoMembers().slice(0, 30);
  const record = (userId: string, branchId: string, courseId: string, minute: number): StoredRecord => {
    const updatedAt = new Date(Date.UTC(2026, 1, 10, 4, minute)).toISOString();
    return { userId, branchId, category: 'ranger', courseId, progress: 100, completed: true, creditedHours: 1, studiedSeconds: 3600, chapters: {}, startedAt: updatedAt, updatedAt, completedAt: updatedAt, version: 1 };
  };
  const records = learners.flatMap((member, n) => [record(member.userId, member.branchId, 'course-a', n), record(member.userId, member.branchId, 'course-b', n + 30)]);

  const modelDay = new Date('2026-02-20T00:00:00Z');
  let modelAllSharded: Awaited<ReturnType<typeof rebuildModel>>;

  beforeAll(async () => {
    await putRecords(records);
    modelAllSharded = await rebuildModel(modelDay);
    // The first ten learners' records were logged before sharding: the month's single partition.
    for (const stored of records.filter((entry) => learners.slice(0, 10).some((member) => member.userId === entry.userId))) {
      await db().send(
        new UpdateCommand({ TableName: tableName(), Key: { pk: `LEARN#${stored.userId}`, sk: `COURSE#${stored.courseId}` }, UpdateExpression: 'SET gsi1pk = :legacy', ExpressionAttributeValues: { ':legacy': `LEARNLOG#${month}` } }),
      );
    }
  });

  it('spreads a month’s log over the shards and reads every record once, in log order', async () => {
    const sizes = await Promise.all(Array.from({ length: LEARNLOG_SHARDS }, (_, shard) => partitionSize('gsi1', `LEARNLOG#${month}#${shard}`)));
    expect(sizes.filter((size) => size > 0).length).toBeGreaterThan(4);
    expect(await partitionSize('gsi1', `LEARNLOG#${month}`)).toBe(20);

    const read = await interactionsIn(month);
    const inLogOrder = [...records].sort((a, b) => byText(`${a.updatedAt}#${a.userId}#${a.courseId}`, `${b.updatedAt}#${b.userId}#${b.courseId}`));
    expect(read.map((interaction) => `${interaction.userId}/${interaction.courseId}`)).toEqual(inLogOrder.map((entry) => `${entry.userId}/${entry.courseId}`));
  });

  it('learns the same recommendation model with part of the month in the old layout as with all of it sharded', async () => {
    expect(modelAllSharded.interactions).toBeGreaterThanOrEqual(records.length);
    expect(await rebuildModel(modelDay)).toEqual(modelAllSharded);
  });
});
