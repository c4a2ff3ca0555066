import { GetCommand, PutCommand, DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { httpHandler as handler } from '../../functions/dues/handler';
import { appendEntry, ledgerItemPages, readHead, type LedgerDraft } from '../../functions/dues/ledger';
import { contentOf, entryHash } from '../../shared/runtime/hash-chain';
import { duesKeys } from '../../functions/dues/keys';
import { db, tableName } from '../../shared/runtime/db';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';
import { runJob, useDuesWorld } from './dues-fixtures';

useSeededTable();

const { tokens, wecom } = useDuesWorld('ww-dues-ledger');

const draft = (userId: string, amountFen: number): LedgerDraft => ({
  kind: 'offline-payment',
  at: new Date().toISOString(),
  userId,
  branchId: 'songling-fire',
  months: ['2026-01'],
  amountFen,
  voluntaryFen: 0,
  toCentreFen: 0,
  method: 'cash',
  recordedBy: 'demo-finance',
});

const verify = async () => (await call(handler, 'GET', '/api/v1/dues/ledger/verify', { token: tokens['demo-finance'] })).body;

async function storedItem(seq: number): Promise<Record<string, unknown>> {
  return (await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.ledgerEntry(seq) }))).Item!;
}

async function allItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of ledgerItemPages()) items.push(...page);
  return items;
}

describe('appending to the ledger', () => {
  it('keeps one chain without fork or gap when many appends race', async () => {
    const before = await readHead();
    const entries = await Promise.all(Array.from({ length: 20 }, (_, index) => appendEntry(draft(`m00${10 + (index % 20)}`, 100 + index))));
    const seqs = entries.map((entry) => entry.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, index) => before.seq + 1 + index));
    const items = await allItems();
    expect(items.map((item) => item.seq)).toEqual(Array.from({ length: items.length }, (_, index) => index + 1));
    items.forEach((item, index) => {
      if (index > 0) expect(item.prevHash).toBe(items[index - 1]!.hash);
    });
    expect(await verify()).toMatchObject({ ok: true, count: items.length });
  });

  it('retries when DynamoDB cancels the transaction for a conflict, and writes once', async () => {
    const client = db();
    const send = client.send.bind(client);
    const conflict = Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
    });
    const before = await readHead();
    const spy = jest.spyOn(client, 'send').mockImplementationOnce(() => Promise.reject(conflict)).mockImplementation(send as never);
    const marker = { Put: { TableName: tableName(), Item: { pk: 'TEST#CONFLICT', sk: 'MARK', type: 'test' }, ConditionExpression: 'attribute_not_exists(pk)' } };
    const entry = await appendEntry(draft('m0011', 777), [marker]);
    spy.mockRestore();
    expect(entry.seq).toBe(before.seq + 1);
    expect((await readHead()).seq).toBe(before.seq + 1);
  });
});

describe('verifying the ledger', () => {
  it('detects an entry whose amount was changed directly in the table, and shows its member the broken entry', async () => {
    const head = await readHead();
    const target = head.seq - 3;
    const original = await storedItem(target);
    await db().send(new UpdateCommand({ TableName: tableName(), Key: duesKeys.ledgerEntry(target), UpdateExpression: 'SET amountFen = :fen', ExpressionAttributeValues: { ':fen': 1 } }));
    const broken = await verify();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({ seq: target, reason: 'hash' });
    const mine = (await call(handler, 'GET', '/api/v1/dues/ledger/mine', { token: tokens[String(original.userId)] })).body;
    expect(mine.allOk).toBe(false);
    expect(mine.entries.find((row: { entry: { seq: number } }) => row.entry.seq === target).contentOk).toBe(false);
    await db().send(new PutCommand({ TableName: tableName(), Item: original }));
    expect((await verify()).ok).toBe(true);
  });

  it('detects an attribute added to a stored entry', async () => {
    const original = await storedItem(2);
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...original, note: '补充说明' } }));
    expect((await verify()).firstBroken).toMatchObject({ seq: 2, reason: 'hash' });
    await db().send(new PutCommand({ TableName: tableName(), Item: original }));
  });

  it('detects a deleted entry as a gap', async () => {
    const original = await storedItem(5);
    await db().send(new DeleteCommand({ TableName: tableName(), Key: duesKeys.ledgerEntry(5) }));
    expect((await verify()).firstBroken).toMatchObject({ seq: 5, reason: 'gap' });
    await db().send(new PutCommand({ TableName: tableName(), Item: original }));
    expect((await verify()).ok).toBe(true);
  });

  it('publishes a daily checkpoint to admins and finance, which catches a rewrite of the whole chain after it', async () => {
    const result = (await runJob('ledgerCheckpoint')) as { ok: boolean; published: boolean; checkpoint: { count: number; headHash: string } };
    expect(result.ok).toBe(true);
    const notice = wecom().delivered.find((delivered) => delivered.title === '党费账本校验点');
    expect(notice?.toUsers).toEqual(expect.arrayContaining(['demo-admin', 'demo-finance']));
    expect(notice?.toUsers).not.toContain('demo-ranger');
    expect(notice?.contentItems.map((item) => item.value).join('')).toContain(result.checkpoint.headHash.slice(0, 22));
    expect(wecom().violations).toEqual([]);
    const listed = (await call(handler, 'GET', '/api/v1/dues/ledger/checkpoints', { token: tokens['demo-ranger'] })).body.checkpoints;
    expect(listed[0]).toMatchObject({ count: result.checkpoint.count, headHash: result.checkpoint.headHash });

    // Someone with table access edits entry 3 and recomputes every hash after it: the chain is consistent again…
    const originals = await allItems();
    let prevHash = String(originals[1]!.hash);
    for (const item of originals.slice(2)) {
      const content = { ...contentOf(item), prevHash, ...(item.seq === 3 ? { amountFen: 1 } : {}) };
      const rewritten = { ...item, ...content, hash: entryHash(content) };
      await db().send(new PutCommand({ TableName: tableName(), Item: rewritten }));
      prevHash = rewritten.hash;
    }
    // …but not with the head hash the admins received.
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    // The earliest checkpoint after the edit is the one that gives it away (last night's, seeded, or today's).
    const counts = listed.map((checkpoint: { count: number }) => checkpoint.count).filter((count: number) => count >= 3);
    expect(verdict.firstBroken).toMatchObject({ seq: Math.min(...counts), reason: 'checkpoint' });
    for (const item of originals) await db().send(new PutCommand({ TableName: tableName(), Item: item }));
    expect((await verify()).ok).toBe(true);
  });

  it('publishes a day\'s checkpoint once however often the job runs', async () => {
    const before = wecom().delivered.filter((delivered) => delivered.title === '党费账本校验点').length;
    const again = (await runJob('ledgerCheckpoint')) as { published: boolean };
    expect(again.published).toBe(false);
    expect(wecom().delivered.filter((delivered) => delivered.title === '党费账本校验点')).toHaveLength(before);
  });
});

describe('no API changes or removes an entry', () => {
  it.each(['PUT', 'PATCH', 'DELETE'])('%s on an entry is refused as append-only, for finance and admins too', async (method) => {
    const before = await storedItem(1);
    for (const who of ['demo-admin', 'demo-finance', 'demo-ranger']) {
      const reply = await call(handler, method, '/api/v1/dues/ledger/entries/1', { token: tokens[who], body: { amountFen: 0 } });
      expect(reply.status).toBe(405);
      expect(reply.body.error.code).toBe('LEDGER_APPEND_ONLY');
    }
    expect(await storedItem(1)).toEqual(before);
  });

  it('answers other writes under the ledger with 404 and leaves it intact', async () => {
    for (const [method, path] of [['DELETE', '/api/v1/dues/ledger'], ['PUT', '/api/v1/dues/ledger'], ['POST', '/api/v1/dues/ledger/verify'], ['DELETE', '/api/v1/dues/ledger/mine']]) {
      expect((await call(handler, method!, path!, { token: tokens['demo-admin'] })).status).toBe(404);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('corrects a payment with a reversal entry that points at it, once, leaving the original untouched', async () => {
    const paid = await call(handler, 'POST', '/api/v1/dues/offline-payments', {
      token: tokens['demo-finance'],
      body: { userId: 'm0013', months: [((await call(handler, 'GET', '/api/v1/dues/bills', { token: tokens.m0013, query: { year: String(new Date().getFullYear()) } })).body.bills as Array<{ month: string; status: string }>).find((bill) => bill.status === 'unpaid')!.month], method: 'cash', clientRequestId: 'correct-me-0001' },
    });
    expect(paid.status).toBe(200);
    const original = await storedItem(paid.body.entry.seq);
    const reversal = await call(handler, 'POST', '/api/v1/dues/ledger/corrections', { token: tokens['demo-finance'], body: { correctsSeq: paid.body.entry.seq, reason: '误登记', clientRequestId: 'reverse-0001' } });
    expect(reversal.status).toBe(200);
    expect(reversal.body.entry).toMatchObject({ kind: 'reversal', correctsSeq: paid.body.entry.seq, amountFen: -paid.body.entry.amountFen });
    expect(await storedItem(paid.body.entry.seq)).toEqual(original);
    const bills = (await call(handler, 'GET', '/api/v1/dues/bills', { token: tokens.m0013, query: { year: paid.body.entry.months[0].slice(0, 4) } })).body.bills;
    expect(bills.find((bill: { month: string }) => bill.month === paid.body.entry.months[0]).status).toBe('unpaid');
    const twice = await call(handler, 'POST', '/api/v1/dues/ledger/corrections', { token: tokens['demo-finance'], body: { correctsSeq: paid.body.entry.seq, reason: '再冲一次', clientRequestId: 'reverse-0002' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('DUES_NOT_CORRECTABLE');
    const retried = await call(handler, 'POST', '/api/v1/dues/ledger/corrections', { token: tokens['demo-finance'], body: { correctsSeq: paid.body.entry.seq, reason: '误登记', clientRequestId: 'reverse-0001' } });
    expect(retried.body.entry.seq).toBe(reversal.body.entry.seq);
    expect((await call(handler, 'POST', '/api/v1/dues/ledger/corrections', { token: tokens['demo-secretary'], body: { correctsSeq: 1, reason: 'x', clientRequestId: 'reverse-0003' } })).status).toBe(403);
  });

  it('lets finance page through the whole ledger, and members only see their own entries', async () => {
    const page = await call(handler, 'GET', '/api/v1/dues/ledger', { token: tokens['demo-finance'], query: { limit: '10' } });
    expect(page.body.entries.map((entry: { seq: number }) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page.body.nextAfterSeq).toBe(10);
    expect((await call(handler, 'GET', '/api/v1/dues/ledger', { token: tokens['demo-ranger'] })).status).toBe(403);
    const mine = (await call(handler, 'GET', '/api/v1/dues/ledger/mine', { token: tokens['demo-ranger'] })).body;
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((row: { entry: { userId: string } }) => row.entry.userId === 'demo-ranger')).toBe(true);
    expect(mine.allOk).toBe(true);
  });
});
