import type { Checkpoint, LedgerEntry, LedgerVerification } from '../../shared/api/dues';
import { putIfAbsent, queryAll, type Item } from '../../shared/runtime/db-helpers';
import { HashChain, storedItemHash, type Alongside as ChainAlongside } from '../../shared/runtime/hash-chain';
import { duesIndex, duesKeys, LEDGER_PARTITION } from './keys';

export { AlongsideConditionFailed, type TransactItem } from '../../shared/runtime/hash-chain';

/**
 * The append-only, hash-chained ledger of every money event, kept in a chain of shared/runtime/hash-chain.
 * This module alone writes ledger entries, and only ever with a Put conditioned on the sequence number being
 * free: there is no update or delete of an entry anywhere in the code, and a correction is a new entry.
 */

export type LedgerDraft = Omit<LedgerEntry, 'seq' | 'prevHash' | 'hash'>;
/** Writes that must land together with the entries; a function when they record the entries' sequence numbers. */
export type Alongside = ChainAlongside<LedgerDraft>;

/** The one chain of the ledger. */
const CHAIN = 'global';

const ledger = new HashChain<LedgerDraft>({
  itemType: 'dues-ledger',
  partition: () => LEDGER_PARTITION,
  registryPartition: (shard) => duesKeys.ledgerRegistry(shard),
  registryShards: 1,
  indexAttributes: (entry) => ({ gsi1pk: duesIndex.memberLedger(entry.userId), gsi1sk: duesKeys.ledgerEntry(entry.seq).sk }),
});

export function forgetLedgerHeadForTests(): void {
  ledger.forgetHeads();
}

export const readHead = () => ledger.readHead(CHAIN);

/**
 * Appends entries at the head of the chain, atomically with `alongside` writes (a bill marked paid, an order
 * settled). Throws AlongsideConditionFailed when one of the other writes' conditions is false: nothing was written.
 */
export async function appendEntries(drafts: LedgerDraft[], alongside: Alongside = []): Promise<LedgerEntry[]> {
  return ledger.append(CHAIN, drafts, alongside);
}

export async function appendEntry(draft: LedgerDraft, alongside: Alongside = []): Promise<LedgerEntry> {
  return (await appendEntries([draft], alongside))[0]!;
}

/** The stored items up to the head, in sequence order and exactly as they are in the table (for verification). */
export const ledgerItemPages = () => ledger.itemPages(CHAIN);

export const listEntries = (afterSeq: number, limit: number): Promise<{ entries: LedgerEntry[]; nextAfterSeq?: number }> => ledger.list(CHAIN, afterSeq, limit);

export const getEntries = (seqs: number[]): Promise<Map<number, LedgerEntry>> => ledger.get(CHAIN, seqs);

/** A member's own entries, oldest first, each with whether its hash still matches its content. */
export async function entriesOf(userId: string): Promise<Array<{ entry: LedgerEntry; contentOk: boolean }>> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': duesIndex.memberLedger(userId) } });
  return items.map((item: Item) => ({ entry: ledger.toEntry(item), contentOk: storedItemHash(item) === item.hash }));
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
  const witnesses = (await listCheckpoints()).map((checkpoint) => ({ count: checkpoint.count, headHash: checkpoint.headHash, label: checkpoint.day }));
  const { chain: _chain, firstBroken, ...verification } = await ledger.verify(CHAIN, witnesses);
  return {
    ...verification,
    ...(firstBroken ? { firstBroken: { seq: firstBroken.seq, reason: firstBroken.reason, message: firstBroken.message } } : {}),
    elapsedMs: Math.round(performance.now() - started),
  };
}
