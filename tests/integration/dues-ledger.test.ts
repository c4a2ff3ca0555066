import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { httpHandler as handler } from '../../functions/dues/handler';
import { appendEntry, branchChains, forgetLedgerHeadForTests, ledgerItemPages, readHead, type LedgerDraft } from '../../functions/dues/ledger';
import { duesKeys } from '../../functions/dues/keys';
import { contentOf, entryHash, verifyInclusion } from '../../shared/runtime/hash-chain';
import { db, tableName } from '../../shared/runtime/db';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';
import { runJob, useDuesWorld } from './dues-fixtures';

useSeededTable();

const { tokens, wecom } = useDuesWorld('ww-dues-ledger');

const FIRE = 'songling-fire';
const ZHUANGZHI = 'songling-zhuangzhi';

const draft = (userId: string, amountFen: number, branchId = FIRE): LedgerDraft => ({
  kind: 'offline-payment',
  at: new Date().toISOString(),
  userId,
  branchId,
  months: ['2026-01'],
  amountFen,
  voluntaryFen: 0,
  toCentreFen: 0,
  method: 'cash',
  recordedBy: 'demo-finance',
});

type Verification = { ok: boolean; count: number; chains: number; firstBroken?: { chain?: string; seq: number; reason: string; message: string } };
const verify = async (): Promise<Verification> => (await call(handler, 'GET', '/api/v1/dues/ledger/verify', { token: tokens['demo-finance'] })).body;

const entryKey = (chain: string, seq: number) => ({ pk: duesKeys.chainPartition(chain), sk: `SEQ#${String(seq).padStart(12, '0')}` });
const headKey = (chain: string) => ({ pk: duesKeys.chainPartition(chain), sk: 'HEAD' });

async function storedItem(chain: string, seq: number): Promise<Record<string, unknown>> {
  return (await db().send(new GetCommand({ TableName: tableName(), Key: entryKey(chain, seq) }))).Item!;
}
const put = (item: Record<string, unknown>) => db().send(new PutCommand({ TableName: tableName(), Item: item }));

async function chainItems(chain: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of ledgerItemPages(chain)) items.push(...page);
  return items;
}

describe('appending to the ledger: one chain per branch', () => {
  it('keeps each branch chain without fork or gap when many appends race, in both branches at once', async () => {
    const before: Record<string, { seq: number }> = { [FIRE]: await readHead(FIRE), [ZHUANGZHI]: await readHead(ZHUANGZHI) };
    const entries = await Promise.all(Array.from({ length: 20 }, (_, index) => appendEntry(draft(`m00${10 + index}`, 100 + index, index % 2 === 0 ? FIRE : ZHUANGZHI))));
    for (const chain of [FIRE, ZHUANGZHI]) {
      const mine = entries.filter((entry) => entry.chain === chain).map((entry) => entry.seq).sort((a, b) => a - b);
      expect(mine).toEqual(Array.from({ length: 10 }, (_, index) => before[chain]!.seq + 1 + index));
      const items = await chainItems(chain);
      expect(items.map((item) => item.seq)).toEqual(Array.from({ length: items.length }, (_, index) => index + 1));
      items.forEach((item, index) => {
        if (index > 0) expect(item.prevHash).toBe(items[index - 1]!.hash);
      });
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('retries when DynamoDB cancels the transaction for a conflict, and writes once', async () => {
    const client = db();
    const send = client.send.bind(client);
    const conflict = Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }],
    });
    const before = await readHead(FIRE);
    await appendEntry(draft('m0011', 1)); // the head is this copy's own: the next send is the transaction
    const spy = jest.spyOn(client, 'send').mockImplementationOnce(() => Promise.reject(conflict)).mockImplementation(send as never);
    const marker = { Put: { TableName: tableName(), Item: { pk: 'TEST#CONFLICT', sk: 'MARK', type: 'test' }, ConditionExpression: 'attribute_not_exists(pk)' } };
    const entry = await appendEntry(draft('m0011', 777), [marker]);
    spy.mockRestore();
    expect(entry.seq).toBe(before.seq + 2);
    expect((await readHead(FIRE)).seq).toBe(before.seq + 2);
  });
});

describe('a chain whose head item was removed by hand', () => {
  it('still takes appends after its last entry, and verifies', async () => {
    const head = await readHead(FIRE);
    await db().send(new DeleteCommand({ TableName: tableName(), Key: headKey(FIRE) }));
    forgetLedgerHeadForTests();
    const entry = await appendEntry(draft('m0012', 555));
    expect(entry).toMatchObject({ chain: FIRE, seq: head.seq + 1, prevHash: head.hash });
    expect(await verify()).toMatchObject({ ok: true });
  });
});

describe('verifying the ledger names the branch and the entry', () => {
  it('detects an entry whose amount was changed directly in the table, and shows its member the broken entry', async () => {
    const head = await readHead(FIRE);
    const target = head.seq - 3;
    const original = await storedItem(FIRE, target);
    await db().send(new UpdateCommand({ TableName: tableName(), Key: entryKey(FIRE, target), UpdateExpression: 'SET amountFen = :fen', ExpressionAttributeValues: { ':fen': 1 } }));
    const broken = await verify();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({ chain: FIRE, seq: target, reason: 'hash' });
    expect(broken.firstBroken!.message).toContain(FIRE);
    const mine = (await call(handler, 'GET', '/api/v1/dues/ledger/mine', { token: tokens[String(original.userId)] })).body;
    expect(mine.allOk).toBe(false);
    expect(mine.entries.find((row: { entry: { seq: number; chain: string } }) => row.entry.seq === target && row.entry.chain === FIRE).contentOk).toBe(false);
    await put(original);
    expect((await verify()).ok).toBe(true);
  });

  it('detects an attribute added to a stored entry', async () => {
    const original = await storedItem(ZHUANGZHI, 2);
    await put({ ...original, note: '补充说明' });
    expect((await verify()).firstBroken).toMatchObject({ chain: ZHUANGZHI, seq: 2, reason: 'hash' });
    await put(original);
  });

  it('detects a deleted entry as a gap, in the middle of a chain and at its end', async () => {
    const original = await storedItem(FIRE, 5);
    await db().send(new DeleteCommand({ TableName: tableName(), Key: entryKey(FIRE, 5) }));
    expect((await verify()).firstBroken).toMatchObject({ chain: FIRE, seq: 5, reason: 'gap' });
    await put(original);
    const head = await readHead(ZHUANGZHI);
    const last = await storedItem(ZHUANGZHI, head.seq);
    await db().send(new DeleteCommand({ TableName: tableName(), Key: entryKey(ZHUANGZHI, head.seq) }));
    expect((await verify()).firstBroken).toMatchObject({ chain: ZHUANGZHI, seq: head.seq, reason: 'gap' });
    await put(last);
    expect((await verify()).ok).toBe(true);
  });
});

describe('the daily checkpoint: a signed Merkle root of every chain head', () => {
  let checkpoint: { count: number; headHash: string; chains: number; signature: string };

  it('publishes the root to admins and finance, and every member can check their chain against it', async () => {
    const result = (await runJob('ledgerCheckpoint')) as { ok: boolean; published: boolean; checkpoint: typeof checkpoint };
    expect(result).toMatchObject({ ok: true, published: true });
    checkpoint = result.checkpoint;
    const chains = (await call(handler, 'GET', '/api/v1/dues/ledger/chains', { token: tokens['demo-finance'] })).body.chains as Array<{ chain: string; seq: number }>;
    expect(checkpoint.chains).toBe(chains.length);
    expect(chains.map((head) => head.chain)).toEqual(expect.arrayContaining([FIRE, ZHUANGZHI]));
    expect(checkpoint.count).toBe(chains.reduce((sum, head) => sum + head.seq, 0));
    const notice = wecom().delivered.find((delivered) => delivered.title === '党费账本校验点');
    expect(notice?.toUsers).toEqual(expect.arrayContaining(['demo-admin', 'demo-finance']));
    expect(notice?.toUsers).not.toContain('demo-ranger');
    expect(notice?.contentItems.map((item) => item.value).join('')).toContain(checkpoint.headHash.slice(0, 22));
    expect(wecom().violations).toEqual([]);
    const listed = (await call(handler, 'GET', '/api/v1/dues/ledger/checkpoints', { token: tokens['demo-ranger'] })).body.checkpoints;
    expect(listed[0]).toMatchObject({ count: checkpoint.count, headHash: checkpoint.headHash, chains: checkpoint.chains });

    // The ranger recomputes the root from their chain's head and the proof, and finds the published one.
    const mine = (await call(handler, 'GET', '/api/v1/dues/ledger/mine', { token: tokens['demo-ranger'] })).body;
    expect(mine.allOk).toBe(true);
    const proof = mine.chains.find((row: { chain: string }) => row.chain === ZHUANGZHI);
    expect(proof).toMatchObject({ chainOk: true, checkpoint: { root: checkpoint.headHash, included: true, signatureOk: true } });
    expect(verifyInclusion(proof.checkpoint.head, proof.checkpoint.proof, checkpoint.headHash)).toBe(true);
    expect(verifyInclusion({ ...proof.checkpoint.head, seq: proof.checkpoint.head.seq - 1 }, proof.checkpoint.proof, checkpoint.headHash)).toBe(false);
  });

  it('catches a branch chain rewritten consistently after the checkpoint, naming the branch and the entry', async () => {
    const head = await readHead(FIRE);
    const originals = await chainItems(FIRE);
    // Someone with table access edits entry 3 and recomputes every hash after it, head item included…
    let prevHash = String(originals[1]!.hash);
    for (const item of originals.slice(2)) {
      const content = { ...contentOf(item), prevHash, ...(item.seq === 3 ? { amountFen: 1 } : {}) };
      const rewritten = { ...item, ...content, hash: entryHash(content) };
      await put(rewritten);
      prevHash = rewritten.hash;
    }
    await put({ ...headKey(FIRE), type: 'dues-ledger-head', chain: FIRE, seq: head.seq, hash: prevHash });
    // …the chain is consistent again, but not with the head whose leaf is in the signed root.
    const verdict = await verify();
    expect(verdict.firstBroken).toMatchObject({ chain: FIRE, seq: head.seq, reason: 'checkpoint' });
    const mine = (await call(handler, 'GET', '/api/v1/dues/ledger/mine', { token: tokens[String(originals[2]!.userId)] })).body;
    expect(mine.allOk).toBe(false);
    for (const item of originals) await put(item);
    await put({ ...headKey(FIRE), type: 'dues-ledger-head', chain: FIRE, seq: head.seq, hash: head.hash });
    expect((await verify()).ok).toBe(true);
  });

  it('catches the last entry of a branch chain removed with its head rolled back', async () => {
    const head = await readHead(ZHUANGZHI);
    const last = await storedItem(ZHUANGZHI, head.seq);
    await db().send(new DeleteCommand({ TableName: tableName(), Key: entryKey(ZHUANGZHI, head.seq) }));
    await put({ ...headKey(ZHUANGZHI), type: 'dues-ledger-head', chain: ZHUANGZHI, seq: head.seq - 1, hash: String(last.prevHash) });
    expect((await verify()).firstBroken).toMatchObject({ chain: ZHUANGZHI, seq: head.seq, reason: 'checkpoint' });
    await put(last);
    await put({ ...headKey(ZHUANGZHI), type: 'dues-ledger-head', chain: ZHUANGZHI, seq: head.seq, hash: head.hash });
    expect((await verify()).ok).toBe(true);
  });

  it('catches a checkpoint whose stored heads were edited to cover a rewrite', async () => {
    const pages = (await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': duesKeys.checkpointHeads(String((await call(handler, 'GET', '/api/v1/dues/ledger/checkpoints', { token: tokens['demo-ranger'] })).body.checkpoints[0].day)) } }))).Items!;
    const page = pages.find((item) => String(item.sk).startsWith(checkpoint.headHash))!;
    const leaves = page.leaves as Array<[string, number, string]>;
    await put({ ...page, leaves: leaves.map(([chain, seq, hash]) => (chain === FIRE ? [chain, seq, 'f'.repeat(64)] : [chain, seq, hash])) });
    const verdict = await verify();
    expect(verdict.firstBroken).toMatchObject({ chain: '', reason: 'checkpoint' });
    await put(page);
    expect((await verify()).ok).toBe(true);
  });

  it('publishes a day\'s checkpoint once however often the job runs', async () => {
    const before = wecom().delivered.filter((delivered) => delivered.title === '党费账本校验点').length;
    const again = (await runJob('ledgerCheckpoint')) as { published: boolean; checkpoint: { headHash: string } };
    expect(again.published).toBe(false);
    expect(again.checkpoint.headHash).toBe(checkpoint.headHash);
    expect(wecom().delivered.filter((delivered) => delivered.title === '党费账本校验点')).toHaveLength(before);
  });

  it('names the broken branch and entry in the notice when the ledger does not verify, and checkpoints nothing', async () => {
    const original = await storedItem(FIRE, 4);
    await put({ ...original, amountFen: Number(original.amountFen) + 100 });
    const result = (await runJob('ledgerCheckpoint')) as { ok: boolean; published: boolean };
    expect(result).toEqual({ ok: false, published: false });
    const notice = wecom().delivered.find((delivered) => delivered.title === '党费账本异常');
    expect(notice?.contentItems).toEqual(expect.arrayContaining([{ key: '账本', value: `支部 ${FIRE}` }, { key: '异常记录', value: '第 4 条' }]));
    await put(original);
  });
});

describe('no API changes or removes an entry', () => {
  it.each(['PUT', 'PATCH', 'DELETE'])('%s on an entry is refused as append-only, for finance and admins too', async (method) => {
    const before = await storedItem(FIRE, 1);
    for (const who of ['demo-admin', 'demo-finance', 'demo-ranger']) {
      const reply = await call(handler, method, '/api/v1/dues/ledger/entries/1', { token: tokens[who], body: { amountFen: 0 } });
      expect(reply.status).toBe(405);
      expect(reply.body.error.code).toBe('LEDGER_APPEND_ONLY');
    }
    expect(await storedItem(FIRE, 1)).toEqual(before);
  });

  it('answers other writes under the ledger with 404 and leaves it intact', async () => {
    for (const [method, path] of [['DELETE', '/api/v1/dues/ledger'], ['PUT', '/api/v1/dues/ledger'], ['POST', '/api/v1/dues/ledger/verify'], ['DELETE', '/api/v1/dues/ledger/mine']]) {
      expect((await call(handler, method!, path!, { token: tokens['demo-admin'] })).status).toBe(404);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('corrects a payment with a reversal entry in the same branch chain that points at it, once, leaving the original untouched', async () => {
    const year = String(new Date().getFullYear());
    const month = ((await call(handler, 'GET', '/api/v1/dues/bills', { token: tokens.m0013, query: { year } })).body.bills as Array<{ month: string; status: string }>).find((bill) => bill.status === 'unpaid')!.month;
    const paid = await call(handler, 'POST', '/api/v1/dues/offline-payments', { token: tokens['demo-finance'], body: { userId: 'm0013', months: [month], method: 'cash', clientRequestId: 'correct-me-0001' } });
    expect(paid.status).toBe(200);
    const chain = paid.body.entry.chain as string;
    expect(chain).toBe(paid.body.entry.branchId);
    const original = await storedItem(chain, paid.body.entry.seq);
    const body = { correctsSeq: paid.body.entry.seq, chain, reason: '误登记', clientRequestId: 'reverse-0001' };
    const reversal = await call(handler, 'POST', '/api/v1/dues/ledger/corrections', { token: tokens['demo-finance'], body });
    expect(reversal.status).toBe(200);
    expect(reversal.body.entry).toMatchObject({ kind: 'reversal', chain, correctsSeq: paid.body.entry.seq, correctsChain: chain, amountFen: -paid.body.entry.amountFen });
    expect(await storedItem(chain, paid.body.entry.seq)).toEqual(original);
    const bills = (await call(handler, 'GET', '/api/v1/dues/bills', { token: tokens.m0013, query: { year: month.slice(0, 4) } })).body.bills;
    expect(bills.find((bill: { month: string }) => bill.month === month).status).toBe('unpaid');
    const twice = await call(handler, 'POST', '/api/v1/dues/ledger/corrections', { token: tokens['demo-finance'], body: { ...body, reason: '再冲一次', clientRequestId: 'reverse-0002' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('DUES_NOT_CORRECTABLE');
    const retried = await call(handler, 'POST', '/api/v1/dues/ledger/corrections', { token: tokens['demo-finance'], body });
    expect(retried.body.entry.seq).toBe(reversal.body.entry.seq);
    // The same sequence number in another branch's chain is another entry.
    const elsewhere = await call(handler, 'POST', '/api/v1/dues/ledger/corrections', { token: tokens['demo-finance'], body: { ...body, chain: 'no-such-branch', clientRequestId: 'reverse-0004' } });
    expect(elsewhere.status).toBe(404);
    expect((await call(handler, 'POST', '/api/v1/dues/ledger/corrections', { token: tokens['demo-secretary'], body: { correctsSeq: 1, chain, reason: 'x', clientRequestId: 'reverse-0003' } })).status).toBe(403);
  });

  it('lets finance page through each branch chain, and members only see their own entries', async () => {
    const page = await call(handler, 'GET', '/api/v1/dues/ledger', { token: tokens['demo-finance'], query: { chain: FIRE, limit: '10' } });
    expect(page.body.entries.map((entry: { seq: number }) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page.body.entries.every((entry: { chain: string }) => entry.chain === FIRE)).toBe(true);
    expect(page.body.nextAfterSeq).toBe(10);
    expect((await call(handler, 'GET', '/api/v1/dues/ledger', { token: tokens['demo-ranger'] })).status).toBe(403);
    const mine = (await call(handler, 'GET', '/api/v1/dues/ledger/mine', { token: tokens['demo-ranger'] })).body;
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((row: { entry: { userId: string } }) => row.entry.userId === 'demo-ranger')).toBe(true);
    expect(mine.allOk).toBe(true);
  });

  it('keeps the registry of chains to branches that took entries', async () => {
    expect(await branchChains.chains()).toEqual(expect.arrayContaining([FIRE, ZHUANGZHI]));
  });
});

describe('verification a request can afford', () => {
  const verifyBranch = (token: string, branchId: string) => call(handler, 'GET', '/api/v1/dues/ledger/verify', { token, query: { branchId } });

  it('verifies one branch\'s chain on its own, for finance any branch and for a secretary only their own', async () => {
    await appendEntry(draft('m0014', 2600, ZHUANGZHI));
    const one = await verifyBranch(tokens['demo-finance']!, ZHUANGZHI);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ ok: true, chains: 1 });
    expect(one.body.count).toBeGreaterThan(0);
    // demo-secretary leads songling-zhuangzhi: their own chain, not another branch's.
    expect((await verifyBranch(tokens['demo-secretary']!, ZHUANGZHI)).body.chains).toBe(1);
    expect((await verifyBranch(tokens['demo-secretary']!, FIRE)).status).toBe(403);
  });

  it('names the entry when one branch\'s chain was altered, verifying only that branch', async () => {
    await appendEntry(draft('m0015', 3100, ZHUANGZHI));
    const head = await readHead(ZHUANGZHI);
    const key = entryKey(ZHUANGZHI, head!.seq);
    const stored = (await db().send(new GetCommand({ TableName: tableName(), Key: key }))).Item!;
    await put({ ...stored, amountFen: Number(stored.amountFen) + 100 });
    try {
      const reply = await verifyBranch(tokens['demo-finance']!, ZHUANGZHI);
      expect(reply.body.ok).toBe(false);
      expect(reply.body.firstBroken).toMatchObject({ chain: ZHUANGZHI, seq: head!.seq });
    } finally {
      await put(stored);
    }
  });
});
