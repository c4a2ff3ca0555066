import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { duesKeys } from '../../functions/dues/keys';
import { appendEntry, chainHeads, forgetLedgerHeadForTests, LEGACY_CHAIN, ledgerGenesis, legacyChain, publishHeads, verifyLedger, type LedgerDraft } from '../../functions/dues/ledger';
import { migrateLedger } from '../../functions/dues/migrate-ledger';
import { dropTable, ensureTable } from '../../scripts/local/table';
import { resetConfigForTests } from '../../shared/runtime/config';
import { db, resetDbForTests, tableName } from '../../shared/runtime/db';
import { entryHash, GENESIS_HASH, merkleRoot } from '../../shared/runtime/hash-chain';

/**
 * The single global chain as the previous version wrote it (entries only: no head item, no registry), in a
 * table of its own, migrated to per-branch chains.
 */
beforeAll(async () => {
  process.env.TABLE_NAME = `test-${randomUUID()}`;
  resetConfigForTests();
  resetDbForTests();
  await ensureTable(process.env.DYNAMODB_ENDPOINT!, process.env.TABLE_NAME);
});
afterAll(async () => dropTable(process.env.DYNAMODB_ENDPOINT!, process.env.TABLE_NAME!));

const BRANCHES = ['songling-fire', 'songling-zhuangzhi', 'xinlin-cuigang'];
const LEGACY_ENTRIES = 2_450;

const draft = (index: number, branchId = BRANCHES[index % 3]!): LedgerDraft => ({
  kind: 'offline-payment',
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
  userId: `m${String(index % 40).padStart(4, '0')}`,
  branchId,
  months: ['2026-01'],
  amountFen: 1000 + index,
  voluntaryFen: 0,
  toCentreFen: 0,
  method: 'cash',
  recordedBy: 'demo-finance',
});

const legacyItems: Array<Record<string, unknown>> = [];

async function writeOldChain(): Promise<void> {
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= LEGACY_ENTRIES; seq += 1) {
    const content = { ...draft(seq), seq, prevHash };
    const item = legacyChain.entryItem(LEGACY_CHAIN, { ...content, hash: entryHash(content) });
    legacyItems.push(item);
    prevHash = String(item.hash);
  }
  for (let start = 0; start < legacyItems.length; start += 25) {
    await Promise.all(legacyItems.slice(start, start + 25).map((item) => db().send(new PutCommand({ TableName: tableName(), Item: item }))));
  }
  // The old daily checkpoint, at 2,000 entries.
  const at2000 = legacyItems[1999]!;
  await db().send(new PutCommand({ TableName: tableName(), Item: { pk: duesKeys.checkpointPartition, sk: '2026-11-30', type: 'dues-checkpoint', day: '2026-11-30', count: 2000, headHash: at2000.hash, at: '2026-11-30T15:50:00.000Z' } }));
}

const legacyHead = () => String(legacyItems[legacyItems.length - 1]!.hash);

describe('migrating the single global chain to per-branch chains', () => {
  beforeAll(writeOldChain, 120_000);

  it('refuses a broken single chain, naming the entry, and pins nothing', async () => {
    const target = legacyItems[1234]!;
    await db().send(new UpdateCommand({ TableName: tableName(), Key: duesKeys.ledgerEntry(1235), UpdateExpression: 'SET amountFen = :fen', ExpressionAttributeValues: { ':fen': 1 } }));
    await expect(migrateLedger()).rejects.toMatchObject({ name: 'LedgerMigrationFailed', broken: { chain: LEGACY_CHAIN, seq: 1235, reason: 'hash' } });
    expect((await ledgerGenesis()).pinned).toBe(false);
    await db().send(new PutCommand({ TableName: tableName(), Item: target }));
  });

  it('lets branches take payments at once after the deploy: each new chain links to the single chain\'s final head', async () => {
    const entry = await appendEntry(draft(1, 'songling-fire'));
    expect(entry).toMatchObject({ chain: 'songling-fire', seq: 1, prevHash: legacyHead() });
  });

  it('resumes an interrupted run where it stopped, and pins the genesis once', async () => {
    // The refused run had verified entries 1–1,000 before it met the broken one: the next run starts after them.
    const first = await migrateLedger({ pageBudget: 1 });
    expect(first).toEqual({ status: 'in-progress', verifiedSeq: 2000, headSeq: LEGACY_ENTRIES });
    expect((await ledgerGenesis()).pinned).toBe(false);
    // The run that finishes starts after entry 2,000: it reads only the last page.
    const sends = jest.spyOn(db(), 'send');
    const done = await migrateLedger();
    const queried = sends.mock.calls.map(([command]) => command.input as { ExpressionAttributeValues?: Record<string, unknown> }).filter((input) => input.ExpressionAttributeValues?.[':from']);
    sends.mockRestore();
    expect(queried.map((input) => input.ExpressionAttributeValues![':from'])).toEqual(['SEQ#000000002001']);
    expect(done).toEqual({ status: 'migrated', genesis: { count: LEGACY_ENTRIES, headHash: legacyHead() }, branchChains: 1 });
    expect(await ledgerGenesis()).toEqual({ count: LEGACY_ENTRIES, headHash: legacyHead(), pinned: true });
  });

  it('is idempotent: a second run changes nothing and reports the same genesis', async () => {
    expect(await migrateLedger()).toEqual({ status: 'already-migrated', genesis: { count: LEGACY_ENTRIES, headHash: legacyHead() }, branchChains: 1 });
  });

  it('keeps the old chain verifiable as the genesis record, and new branch chains link to it', async () => {
    forgetLedgerHeadForTests();
    const zhuangzhi = await appendEntry(draft(2, 'songling-zhuangzhi'));
    expect(zhuangzhi).toMatchObject({ seq: 1, prevHash: legacyHead() });
    await publishHeads('2026-12-01', await chainHeads(), new Date('2026-12-01T15:50:00.000Z'));
    const verification = await verifyLedger();
    expect(verification).toMatchObject({ ok: true, count: LEGACY_ENTRIES + 2, chains: 3, checkpointsChecked: 2 });
    expect(verification.headHash).toBe(merkleRoot(await chainHeads()));
    expect((await chainHeads()).find((head) => head.chain === LEGACY_CHAIN)).toEqual({ chain: LEGACY_CHAIN, seq: LEGACY_ENTRIES, hash: legacyHead() });
  });

  it('catches an entry removed from the end of the old chain after it was pinned', async () => {
    const last = legacyItems[legacyItems.length - 1]!;
    await db().send(new DeleteCommand({ TableName: tableName(), Key: duesKeys.ledgerEntry(LEGACY_ENTRIES) }));
    expect((await verifyLedger()).firstBroken).toMatchObject({ seq: LEGACY_ENTRIES, reason: 'gap' });
    expect((await verifyLedger()).firstBroken?.chain).toBeUndefined();
    await db().send(new PutCommand({ TableName: tableName(), Item: last }));
    expect((await verifyLedger()).ok).toBe(true);
  });
});
