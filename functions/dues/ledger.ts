import { PutCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Checkpoint, LedgerEntry, LedgerVerification } from '../../shared/api/dues';
import { AppError } from '../../shared/runtime/app-error';
import { db, tableName } from '../../shared/runtime/db';
import { logger } from '../../shared/runtime/logger';
import { duesIndex, duesKeys, seqKey } from './keys';
import { GENESIS_HASH, contentOf, entryHash, storedItemHash } from './ledger-hash';
import { ChainVerifier } from './ledger-verify';
import { batchGet, putIfAbsent, queryAll } from './store';

/**
 * The append-only, hash-chained ledger of every money event. This module alone writes ledger entries, and
 * only ever with a Put conditioned on the sequence number being free: there is no update or delete of an
 * entry anywhere in the code, and a correction is a new entry.
 */

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type LedgerDraft = Omit<LedgerEntry, 'seq' | 'prevHash' | 'hash'>;
/** Writes that must land together with the entries; a function when they record the entries' sequence numbers. */
export type Alongside = TransactItem[] | ((entries: LedgerEntry[]) => TransactItem[]);

/** One of the writes that had to land with the entries found its condition false (e.g. a bill already paid). */
export class AlongsideConditionFailed extends Error {
  constructor(readonly index: number) {
    super(`condition ${index} of the ledger transaction failed`);
    this.name = 'AlongsideConditionFailed';
  }
}

interface Head {
  seq: number;
  hash: string;
}

const MAX_ATTEMPTS = 200;
/** The last head this Lambda copy wrote or read: right almost always, and a stale one only costs a retry. */
let cachedHead: Head | undefined;

export function forgetLedgerHeadForTests(): void {
  cachedHead = undefined;
}

export async function readHead(): Promise<Head> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
      ExpressionAttributeValues: { ':pk': duesKeys.ledgerPartition, ':seq': 'SEQ#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const last = Items?.[0];
  return last ? { seq: Number(last.seq), hash: String(last.hash) } : { seq: 0, hash: GENESIS_HASH };
}

function chain(drafts: LedgerDraft[], head: Head): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  let previous = head;
  for (const draft of drafts) {
    const content = { ...draft, seq: previous.seq + 1, prevHash: previous.hash };
    const entry = { ...content, hash: entryHash(content) };
    entries.push(entry);
    previous = entry;
  }
  return entries;
}

function entryItem(entry: LedgerEntry): Record<string, unknown> {
  return { ...duesKeys.ledgerEntry(entry.seq), type: 'dues-ledger', gsi1pk: duesIndex.memberLedger(entry.userId), gsi1sk: seqKey(entry.seq), ...entry };
}

const putEntry = (entry: LedgerEntry): TransactItem => ({
  Put: { TableName: tableName(), Item: entryItem(entry), ConditionExpression: 'attribute_not_exists(pk)' },
});

type Outcome = 'written' | 'head-taken' | 'contention' | { alongsideFailed: number };

async function write(entries: LedgerEntry[], alongside: TransactItem[]): Promise<Outcome> {
  try {
    if (entries.length === 1 && alongside.length === 0) await db().send(new PutCommand(putEntry(entries[0]!).Put!));
    else await db().send(new TransactWriteCommand({ TransactItems: [...entries.map(putEntry), ...alongside] }));
    return 'written';
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ConditionalCheckFailedException') return 'head-taken';
    if (name === 'TransactionConflictException') return 'contention';
    if (name !== 'TransactionCanceledException') throw error;
    const reasons = ((error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map((reason) => reason.Code);
    const failedAlongside = reasons.findIndex((code, index) => index >= entries.length && code === 'ConditionalCheckFailed');
    if (failedAlongside >= 0) return { alongsideFailed: failedAlongside - entries.length };
    if (reasons.slice(0, entries.length).includes('ConditionalCheckFailed')) return 'head-taken';
    // TransactionConflict: another transaction touched one of these items at the same moment (real DynamoDB).
    if (reasons.includes('TransactionConflict')) return 'contention';
    throw error;
  }
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * attempt)));

/**
 * Appends entries at the head of the chain, atomically with `alongside` writes (a bill marked paid, an order
 * settled). The entry's Put is conditioned on its sequence number being free, so two writers can never both
 * take one number (no fork) and each takes head + 1 (no gap); the loser re-reads the head and tries again.
 * Throws AlongsideConditionFailed when one of the other writes' conditions is false: nothing was written.
 */
export async function appendEntries(drafts: LedgerDraft[], alongside: Alongside = []): Promise<LedgerEntry[]> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const head = cachedHead ?? (await readHead());
    const entries = chain(drafts, head);
    const others = typeof alongside === 'function' ? alongside(entries) : alongside;
    if (drafts.length === 0 || drafts.length + others.length > 100) throw new Error('a ledger transaction holds 1–100 items');
    const outcome = await write(entries, others);
    if (outcome === 'written') {
      const last = entries[entries.length - 1]!;
      cachedHead = { seq: last.seq, hash: last.hash };
      return entries;
    }
    if (typeof outcome === 'object') throw new AlongsideConditionFailed(outcome.alongsideFailed);
    cachedHead = undefined;
    if (outcome === 'contention' || attempt > 3) await pause(attempt);
  }
  logger.error('ledger append gave up under contention', { attempts: MAX_ATTEMPTS });
  throw new AppError(503, 'INTERNAL', '账本繁忙，请稍后重试');
}

export async function appendEntry(draft: LedgerDraft, alongside: Alongside = []): Promise<LedgerEntry> {
  return (await appendEntries([draft], alongside))[0]!;
}

function toEntry(item: Record<string, unknown>): LedgerEntry {
  return { ...contentOf(item), hash: String(item.hash) } as LedgerEntry;
}

const RANGE = 1000;
const PREFETCH = 4;

const rangeItems = (from: number, to: number) =>
  queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': duesKeys.ledgerPartition, ':from': seqKey(from), ':to': seqKey(to) },
  });

/**
 * The stored items up to the head, in sequence order and exactly as they are in the table (for verification):
 * ranges of 1,000 sequence numbers, a few fetched ahead while the previous one is checked.
 */
export async function* ledgerItemPages(): AsyncGenerator<Record<string, unknown>[]> {
  const head = await readHead();
  const starts = Array.from({ length: Math.ceil(head.seq / RANGE) }, (_, index) => index * RANGE + 1);
  const pending: Array<Promise<Record<string, unknown>[]>> = [];
  const fill = () => {
    while (pending.length < PREFETCH && starts.length > 0) {
      const from = starts.shift()!;
      pending.push(rangeItems(from, Math.min(from + RANGE - 1, head.seq)));
    }
  };
  fill();
  while (pending.length > 0) {
    const page = await pending.shift()!;
    fill();
    yield page;
  }
}

export async function listEntries(afterSeq: number, limit: number): Promise<{ entries: LedgerEntry[]; nextAfterSeq?: number }> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk > :after',
      ExpressionAttributeValues: { ':pk': duesKeys.ledgerPartition, ':after': seqKey(afterSeq) },
      Limit: limit,
    }),
  );
  const entries = (Items ?? []).map(toEntry);
  return { entries, ...(entries.length === limit ? { nextAfterSeq: entries[entries.length - 1]!.seq } : {}) };
}

export async function getEntries(seqs: number[]): Promise<Map<number, LedgerEntry>> {
  const items = await batchGet([...new Set(seqs)].filter((seq) => seq >= 1).map((seq) => duesKeys.ledgerEntry(seq)));
  return new Map(items.map((item) => [Number(item.seq), toEntry(item)]));
}

/** A member's own entries, oldest first, each with whether its hash still matches its content. */
export async function entriesOf(userId: string): Promise<Array<{ entry: LedgerEntry; contentOk: boolean }>> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': duesIndex.memberLedger(userId) } });
  return items.map((item) => ({ entry: toEntry(item), contentOk: storedItemHash(item) === item.hash }));
}

export async function listCheckpoints(): Promise<Checkpoint[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': duesKeys.checkpointPartition }, ScanIndexForward: false });
  return items.map((item) => ({ day: String(item.day), count: Number(item.count), headHash: String(item.headHash), at: String(item.at) }));
}

/** Publishes a day's checkpoint once; a second run the same day keeps the first. */
export async function putCheckpoint(checkpoint: Checkpoint): Promise<boolean> {
  return putIfAbsent({ pk: duesKeys.checkpointPartition, sk: checkpoint.day, type: 'dues-checkpoint', ...checkpoint });
}

/** Recomputes the whole chain from the table, and checks it against every published checkpoint. */
export async function verifyLedger(): Promise<LedgerVerification> {
  const started = performance.now();
  const verifier = new ChainVerifier(await listCheckpoints());
  for await (const page of ledgerItemPages()) for (const item of page) verifier.add(item);
  return { ...verifier.result(), elapsedMs: Math.round(performance.now() - started) };
}
