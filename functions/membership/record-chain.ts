import type { RecordChainEntry, RecordHistory } from '../../shared/api/membership';
import {
  AlongsideConditionFailed,
  ChainVerifier,
  CheckpointBook,
  GENESIS_HASH,
  HashChain,
  storedItemHash,
  verifyInclusion,
  type HeadLeaf,
  type SignedCheckpoint,
  type TransactItem,
  type WitnessedHead,
} from '../../shared/runtime/hash-chain';
import { membershipKeys } from './keys';

/**
 * The record chain (档案链): one hash chain per person (shared/runtime/hash-chain), holding every step of their
 * record and every step of a transfer that moves them, each appended in the same transaction as the write it
 * records. One chain per person, not per branch: a person's history is what they and their secretaries verify,
 * it follows them when they change branch (a per-branch chain would split it at every transfer), and appends
 * for different people never wait for each other. A nightly signed checkpoint commits to every chain's head.
 */

export type RecordChainDraft = Omit<RecordChainEntry, 'seq' | 'prevHash' | 'hash'>;

const REGISTRY_SHARDS = 16;

export const recordChains = new HashChain<RecordChainDraft>({
  itemType: 'membership-chain',
  partition: membershipKeys.chainPartition,
  registryPartition: membershipKeys.chainRegistry,
  registryShards: REGISTRY_SHARDS,
  label: () => '档案链',
});

export const recordCheckpoints = new CheckpointBook({
  partition: membershipKeys.checkpointPartition,
  headsPartition: membershipKeys.checkpointHeads,
  itemType: 'membership-checkpoint',
  signingLabel: 'party-platform/membership-record-checkpoint/v1',
});

/**
 * Appends one entry to the person's chain together with the writes it records, in one transaction. Returns the
 * index (in `alongside`) of a write whose condition failed (the record changed, the transfer was decided
 * meanwhile): then neither the writes nor the entry landed. Undefined when all landed.
 */
export async function appendOrFailedCondition(personId: string, draft: RecordChainDraft, alongside: TransactItem[]): Promise<number | undefined> {
  try {
    await recordChains.append(personId, [draft], alongside);
    return undefined;
  } catch (error) {
    if (error instanceof AlongsideConditionFailed) return error.index;
    throw error;
  }
}

/** As `appendOrFailedCondition`: true when the entry and its writes landed, false when a condition failed. */
export async function appendWith(personId: string, draft: RecordChainDraft, alongside: TransactItem[]): Promise<boolean> {
  return (await appendOrFailedCondition(personId, draft, alongside)) === undefined;
}

/** Writes a chain entry adds to its step's transaction (the entry, the head, the registry line of a new chain). */
export const CHAIN_WRITES_PER_STEP = 3;

const witnessOf = (checkpoint: SignedCheckpoint | undefined, head: HeadLeaf | undefined): WitnessedHead[] =>
  checkpoint && head ? [{ count: head.seq, headHash: head.hash, label: checkpoint.id }] : [];

/**
 * A person's chain recomputed from the table, entry by entry, held against its head in the latest signed
 * checkpoint (whose root left the table the night it was signed), with that head's Merkle inclusion proof.
 */
export async function verifiedHistory(personId: string): Promise<RecordHistory> {
  const latest = await recordCheckpoints.latest();
  const heads = latest ? await recordCheckpoints.heads(latest) : [];
  const known = heads.find((head) => head.chain === personId);
  const head = await recordChains.readHead(personId);
  const verifier = new ChainVerifier(personId, { genesisHash: GENESIS_HASH, witnesses: witnessOf(latest, known), headSeq: head.seq, label: () => '档案链' });
  const entries: RecordHistory['entries'] = [];
  let previousHash = GENESIS_HASH;
  for await (const page of recordChains.itemPages(personId, head)) {
    for (const item of page) {
      verifier.add(item);
      entries.push({ entry: recordChains.toEntry(item), contentOk: storedItemHash(item) === item.hash, linkOk: item.prevHash === previousHash });
      previousHash = String(item.hash);
    }
  }
  const result = verifier.result();
  const included = latest ? await recordCheckpoints.proof(latest, personId, heads) : undefined;
  const checkpoint =
    latest && included
      ? {
          day: latest.id,
          at: latest.at,
          root: latest.root,
          signatureOk: recordCheckpoints.signatureOk(latest),
          head: included.leaf,
          proof: included.proof,
          included: verifyInclusion(included.leaf, included.proof, latest.root),
        }
      : undefined;
  const checkpointBroken = checkpoint && !(checkpoint.signatureOk && checkpoint.included)
    ? { seq: 0, reason: 'checkpoint' as const, message: `${checkpoint.day} 校验点的签名或根哈希不符，校验点被改动` }
    : undefined;
  const broken = result.firstBroken ?? checkpointBroken;
  return {
    personId,
    ok: broken === undefined,
    count: result.count,
    headHash: result.headHash,
    ...(broken ? { firstBroken: { seq: broken.seq, reason: broken.reason, message: broken.message } } : {}),
    entries,
    ...(checkpoint ? { checkpoint } : {}),
  };
}
