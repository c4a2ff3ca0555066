/**
 * The dues ledger at scale (issue #17 item 4), callable from `npm run bench:dues` and the group-size
 * `bench:scale`: both functions run against the table `process.env` already points at (DynamoDB Local).
 * - `measureChainContention`: concurrent payments appended on many different branch chains vs the same number
 *   of writers on one shared chain (what the single global chain was), side by side in one run;
 * - `measureCheckpoint`: the daily checkpoint over thousands of chains — every chain verified, the heads read,
 *   the Merkle root signed and stored.
 */
import type { LedgerDraft } from '../functions/dues/ledger';

export interface AppendRate {
  chains: number;
  writers: number;
  appends: number;
  ms: number;
  perSecond: number;
  /** Appends that gave up under contention (503 to the payer) and were sent again, as WeChat Pay re-sends. */
  gaveUp: number;
}

export interface ChainContention {
  perBranch: AppendRate;
  shared: AppendRate;
  /**
   * The engine's own limit at the same concurrency: the same number of bare two-item transactions (an entry
   * item of the same shape and index attributes and a head, with an append's conditions, but no head read and
   * no hashing) by as many writers, each on its own partition. Appends on separate branch chains can go no faster than this on the machine; a shared
   * chain's writers wait for each other.
   */
  floor: { writes: number; ms: number; perSecond: number };
  /** Appends per second on separate branch chains ÷ on one shared chain. */
  ratio: number;
}

const paymentDraft = (index: number, branchId: string): LedgerDraft => ({
  kind: 'payment',
  at: new Date(Date.UTC(2026, 1, 1, 0, 0, index % 86_400)).toISOString(),
  userId: `scale${String(index).padStart(6, '0')}`,
  branchId,
  months: ['2026-02'],
  amountFen: 1000 + (index % 5000),
  voluntaryFen: 0,
  toCentreFen: 0,
  method: 'wechatpay',
  reference: `bench-${index}`,
  recordedBy: 'wechatpay',
});

/** `writers` concurrent payers, each appending `appendsPerWriter` payments one after another to `chainOf(writer)`. */
async function appendConcurrently(writers: number, appendsPerWriter: number, chainOf: (writer: number) => string, offset: number): Promise<AppendRate> {
  const { appendEntry } = await import('../functions/dues/ledger');
  const { AppError } = await import('../shared/runtime/app-error');
  let gaveUp = 0;
  const append = async (draft: LedgerDraft): Promise<void> => {
    for (;;) {
      try {
        await appendEntry(draft);
        return;
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 503) throw error;
        gaveUp += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let round = 0; round < appendsPerWriter; round += 1) await append(paymentDraft(offset + writer * appendsPerWriter + round, chainOf(writer)));
    }),
  );
  const ms = performance.now() - started;
  const appends = writers * appendsPerWriter;
  return { chains: new Set(Array.from({ length: writers }, (_, writer) => chainOf(writer))).size, writers, appends, ms, perSecond: appends / (ms / 1000), gaveUp };
}

/**
 * The same number of concurrent writers and appends, once on `branches` different branch chains and once all
 * on one shared chain, in steady operation: every chain has taken its first payment before the clock starts (a
 * branch's chain opens once, ever). Each Lambda copy caches its chain heads; here every writer shares this
 * process's cache, as concurrent payments of one copy would (the shared chain's writers still race each other
 * in DynamoDB).
 */
async function bareTransactions(writers: number, perWriter: number, prefix: string): Promise<ChainContention['floor']> {
  const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { db, tableName } = await import('../shared/runtime/db');
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let round = 0; round < perWriter; round += 1) {
        const pk = `BENCH#FLOOR#${prefix}-${writer}`;
        await db().send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName(),
                  Item: { pk, sk: `SEQ#${round}`, type: 'bench', gsi1pk: `BENCH#FLOOR#member-${writer}`, gsi1sk: `${round}`, ...paymentDraft(writer * perWriter + round, prefix), seq: round, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName(),
                  Item: { pk, sk: 'HEAD', type: 'bench', seq: round },
                  ConditionExpression: 'attribute_not_exists(pk) OR seq = :previous',
                  ExpressionAttributeValues: { ':previous': round - 1 },
                },
              },
            ],
          }),
        );
      }
    }),
  );
  const ms = performance.now() - started;
  return { writes: writers * perWriter, ms, perSecond: (writers * perWriter) / (ms / 1000) };
}

export async function measureChainContention(options: { branches?: number; appendsPerWriter?: number; prefix?: string } = {}): Promise<ChainContention> {
  const branches = options.branches ?? 100;
  const appendsPerWriter = options.appendsPerWriter ?? 5;
  const prefix = options.prefix ?? 'contention';
  const offset = 2 * branches * appendsPerWriter;
  await appendConcurrently(branches, 1, (writer) => `${prefix}-branch-${writer}`, offset);
  await appendConcurrently(1, 1, () => `${prefix}-shared`, offset + branches);
  const perBranch = await appendConcurrently(branches, appendsPerWriter, (writer) => `${prefix}-branch-${writer}`, 0);
  const shared = await appendConcurrently(branches, appendsPerWriter, () => `${prefix}-shared`, branches * appendsPerWriter);
  const floor = await bareTransactions(branches, appendsPerWriter, prefix);
  return { perBranch, shared, floor, ratio: perBranch.perSecond / shared.perSecond };
}

export interface CheckpointRun {
  chains: number;
  entries: number;
  seedMs: number;
  verifyMs: number;
  publishMs: number;
  ok: boolean;
  root: string;
}

/**
 * Opens `chains` branch chains with `entriesPerChain` payments each (appended as the app does, 16 chains at a
 * time), then runs the checkpoint: verify every chain, read every head, publish the signed root.
 */
export async function measureCheckpoint(options: { chains?: number; entriesPerChain?: number; prefix?: string; day?: string } = {}): Promise<CheckpointRun> {
  const chains = options.chains ?? 5000;
  const entriesPerChain = options.entriesPerChain ?? 2;
  const prefix = options.prefix ?? 'checkpoint';
  const { appendEntries, chainHeads, publishHeads, verifyLedger } = await import('../functions/dues/ledger');
  let started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < chains) {
        const chain = next++;
        await appendEntries(Array.from({ length: entriesPerChain }, (_, index) => paymentDraft(chain * entriesPerChain + index, `${prefix}-${chain}`)));
      }
    }),
  );
  const seedMs = performance.now() - started;
  started = performance.now();
  const verification = await verifyLedger();
  const verifyMs = performance.now() - started;
  started = performance.now();
  const { checkpoint } = await publishHeads(options.day ?? '2026-12-31', await chainHeads(), new Date());
  const publishMs = performance.now() - started;
  return { chains: checkpoint.chains ?? 0, entries: checkpoint.count, seedMs, verifyMs, publishMs, ok: verification.ok, root: checkpoint.headHash };
}
