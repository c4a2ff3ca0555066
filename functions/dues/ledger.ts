import { mapLimited } from '../../shared/runtime/each-limited';
import { AppError } from '../../shared/runtime/app-error';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ChainProof, Checkpoint, LedgerBreak, LedgerEntry, LedgerVerification } from '../../shared/api/dues';
import { db, tableName } from '../../shared/runtime/db';
import { queryAll, type Item } from '../../shared/runtime/db-helpers';
import {
  CheckpointBook,
  HashChain,
  merkleRoot,
  storedItemHash,
  verifyInclusion,
  type Alongside as ChainAlongside,
  type ChainVerification,
  type HeadLeaf,
  type SignedCheckpoint,
  type WitnessedHead,
} from '../../shared/runtime/hash-chain';
import { duesIndex, duesKeys, LEDGER_PARTITION } from './keys';

export { AlongsideConditionFailed, type TransactItem } from '../../shared/runtime/hash-chain';

/**
 * The append-only, hash-chained ledger of every money event: one chain per branch (shared/runtime/hash-chain),
 * so payments of different branches never wait for each other. Each branch chain's first entry links to the
 * final head of the retired single chain (`DUES#LEDGER`, frozen, kept as the genesis record), and a daily
 * signed checkpoint commits to every chain's head with a Merkle root. This module alone writes ledger
 * entries, only with a Put conditioned on the sequence number being free: a correction is a new entry.
 */

export type LedgerDraft = Omit<LedgerEntry, 'seq' | 'prevHash' | 'hash' | 'chain'>;
/** Writes that must land together with the entries; a function when they record the entries' sequence numbers. */
export type Alongside = ChainAlongside<LedgerDraft & { chain?: string }>;

/** An entry's identity: its chain and its place in it (`chain` absent: the retired single chain). */
export interface LedgerRef {
  chain?: string;
  seq: number;
}

/** The retired single chain's id among the chains ('#' never occurs in a branch id). */
export const LEGACY_CHAIN = '#legacy';

const chainLabel = (chain: string) => (chain === LEGACY_CHAIN ? '原单链账本' : `支部 ${chain} 账本`);

/**
 * The genesis every branch chain links to: pinned by the migration, else the retired chain's head. Either is
 * fixed (this version appends nothing to the retired chain), so each Lambda copy reads it once.
 */
let knownGenesis: { table: string; hash: Promise<string> } | undefined;

export async function ledgerGenesis(): Promise<{ count: number; headHash: string; pinned: boolean }> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.ledgerGenesis(), ConsistentRead: true }));
  if (Item) return { count: Number(Item.count), headHash: String(Item.headHash), pinned: true };
  const head = await legacyChain.readHead(LEGACY_CHAIN);
  return { count: head.seq, headHash: head.hash, pinned: false };
}

async function branchGenesis(): Promise<string> {
  // Concurrent first appends share one read; a failed read is forgotten so the next append tries again.
  if (knownGenesis?.table !== tableName()) {
    const hash = ledgerGenesis().then((genesis) => genesis.headHash);
    knownGenesis = { table: tableName(), hash };
    hash.catch(() => {
      if (knownGenesis?.hash === hash) knownGenesis = undefined;
    });
  }
  return knownGenesis.hash;
}

const memberIndex = (entry: LedgerEntry) => ({
  gsi1pk: duesIndex.memberLedger(entry.userId),
  gsi1sk: entry.chain === undefined ? duesKeys.ledgerEntry(entry.seq).sk : `${entry.at}#${entry.chain}#${entry.seq}`,
});

const REGISTRY_SHARDS = 16;
const registry = { registryPartition: (shard: number) => duesKeys.ledgerRegistry(shard), registryShards: REGISTRY_SHARDS, label: chainLabel };

/** One chain per branch, each in its own partition. */
export const branchChains = new HashChain<LedgerDraft & { chain?: string }>({
  itemType: 'dues-ledger',
  partition: (chain) => duesKeys.chainPartition(chain),
  indexAttributes: (entry) => memberIndex(entry),
  genesisHash: branchGenesis,
  ...registry,
});

/** The retired single chain: read and verified, never appended to (only the migration writes its head item). */
export const legacyChain = new HashChain<LedgerDraft & { chain?: string }>({
  itemType: 'dues-ledger',
  partition: () => LEDGER_PARTITION,
  headlessEntries: true,
  indexAttributes: (entry) => memberIndex(entry),
  ...registry,
});

const chainOf = (chain: string) => (chain === LEGACY_CHAIN ? legacyChain : branchChains);
const refChain = (ref: LedgerRef) => ref.chain ?? LEGACY_CHAIN;

export const checkpoints = new CheckpointBook({
  partition: duesKeys.checkpointPartition,
  headsPartition: (day) => duesKeys.checkpointHeads(day),
  itemType: 'dues-checkpoint',
  signingLabel: 'party-platform/dues-ledger-checkpoint/v1',
});

export function forgetLedgerHeadForTests(): void {
  branchChains.forgetHeads();
  knownGenesis = undefined;
}

export const readHead = (chain: string) => chainOf(chain).readHead(chain);

/**
 * Appends entries of one branch at the head of its chain, atomically with `alongside` writes (a bill marked
 * paid, an order settled). Throws AlongsideConditionFailed when one of the other writes' conditions is false:
 * nothing was written.
 */
export async function appendEntries(drafts: LedgerDraft[], alongside: Alongside = []): Promise<LedgerEntry[]> {
  const chain = drafts[0]?.branchId ?? '';
  if (drafts.some((draft) => draft.branchId !== chain)) throw new Error('one append holds entries of one branch');
  return branchChains.append(chain, drafts.map((draft) => ({ ...draft, chain })), alongside);
}

export async function appendEntry(draft: LedgerDraft, alongside: Alongside = []): Promise<LedgerEntry> {
  return (await appendEntries([draft], alongside))[0]!;
}

/** A chain's stored items up to its head, in sequence order and exactly as they are in the table. */
export const ledgerItemPages = (chain: string) => chainOf(chain).itemPages(chain);

export const listEntries = (chain: string, afterSeq: number, limit: number): Promise<{ entries: LedgerEntry[]; nextAfterSeq?: number }> =>
  chainOf(chain).list(chain, afterSeq, limit);

const refKey = (ref: LedgerRef) => `${refChain(ref)}#${ref.seq}`;

/** Entries by reference, keyed `<chain>#<seq>` (see `entryOf`). */
export async function getEntries(refs: LedgerRef[]): Promise<Map<string, LedgerEntry>> {
  const legacy = refs.filter((ref) => ref.chain === undefined).map((ref) => ({ chain: LEGACY_CHAIN, seq: ref.seq }));
  const branches = refs.filter((ref) => ref.chain !== undefined).map((ref) => ({ chain: ref.chain!, seq: ref.seq }));
  const items = [...(await legacyChain.getItems(legacy)), ...(await branchChains.getItems(branches))];
  return new Map(items.map((item) => [refKey({ ...(item.chain === undefined ? {} : { chain: String(item.chain) }), seq: Number(item.seq) }), branchChains.toEntry(item)]));
}

export const entryOf = (entries: Map<string, LedgerEntry>, ref: LedgerRef) => entries.get(refKey(ref));

export async function getEntry(ref: LedgerRef): Promise<LedgerEntry | undefined> {
  return entryOf(await getEntries([ref]), ref);
}

export const refOf = (entry: Pick<LedgerEntry, 'chain' | 'seq'>): LedgerRef => ({ ...(entry.chain === undefined ? {} : { chain: entry.chain }), seq: entry.seq });

/** A member's own entries (every chain), oldest first, each with whether its hash still matches its content. */
export async function entriesOf(userId: string): Promise<Array<{ entry: LedgerEntry; contentOk: boolean }>> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': duesIndex.memberLedger(userId) } });
  return items.map((item: Item) => ({ entry: branchChains.toEntry(item), contentOk: storedItemHash(item) === item.hash }));
}

/** Every chain's head (the branches' from the registry, the retired chain's when it holds entries). */
export async function chainHeads(): Promise<HeadLeaf[]> {
  const branches = (await branchChains.chains()).filter((chain) => chain !== LEGACY_CHAIN);
  const heads = await branchChains.heads(branches);
  const legacy = await legacyChain.readHead(LEGACY_CHAIN);
  return [...(legacy.seq > 0 ? [{ chain: LEGACY_CHAIN, ...legacy }] : []), ...branches.map((chain) => ({ chain, ...heads.get(chain)! }))];
}

const toCheckpoint = (signed: SignedCheckpoint): Checkpoint => ({ day: signed.id, count: signed.entries, headHash: signed.root, at: signed.at, chains: signed.chains, signature: signed.signature });

export async function listCheckpoints(): Promise<Checkpoint[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': duesKeys.checkpointPartition }, ScanIndexForward: false });
  return items.map((item) =>
    typeof item.root === 'string'
      ? toCheckpoint({ id: String(item.id), at: String(item.at), chains: Number(item.chains), entries: Number(item.entries), root: item.root, signature: String(item.signature) })
      : { day: String(item.day), count: Number(item.count), headHash: String(item.headHash), at: String(item.at) },
  );
}

/** Publishes a day's signed checkpoint of these heads once; a second run the same day keeps the first. */
export async function publishHeads(day: string, heads: readonly HeadLeaf[], at: Date): Promise<{ checkpoint: Checkpoint; published: boolean }> {
  const { checkpoint, published } = await checkpoints.publish(day, heads, at);
  return { checkpoint: toCheckpoint(checkpoint), published };
}

const VERIFY_CONCURRENCY = 8;

const inParallel = <T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> => mapLimited(items, VERIFY_CONCURRENCY, work);

const toBreak = (broken: NonNullable<ChainVerification['firstBroken']>): LedgerBreak => ({
  ...(broken.chain === LEGACY_CHAIN ? {} : { chain: broken.chain }),
  seq: broken.seq,
  reason: broken.reason,
  message: broken.message,
});

/** What the latest signed checkpoint says of each chain, and whether the checkpoint itself still holds. */
async function latestWitness(): Promise<{ checkpoint?: SignedCheckpoint; heads: Map<string, HeadLeaf>; holds: boolean }> {
  const checkpoint = await checkpoints.latest();
  if (!checkpoint) return { heads: new Map(), holds: true };
  const heads = await checkpoints.heads(checkpoint);
  return { checkpoint, heads: new Map(heads.map((head) => [head.chain, head])), holds: checkpoints.signatureOk(checkpoint) && merkleRoot(heads) === checkpoint.root };
}

/**
 * The auditor's verification of the whole ledger: every chain recomputed from the table (the retired single
 * chain against its own checkpoints and the genesis it left), each against its head in the latest signed
 * checkpoint, whose signature and root are checked too. Names the first broken entry: branch and sequence.
 */
export async function verifyLedger(): Promise<LedgerVerification> {
  const started = performance.now();
  const witness = await latestWitness();
  const legacyWitnesses: WitnessedHead[] = (await listCheckpoints())
    .filter((checkpoint) => checkpoint.chains === undefined)
    .map((checkpoint) => ({ count: checkpoint.count, headHash: checkpoint.headHash, label: checkpoint.day }));
  const witnessOf = (chain: string): WitnessedHead[] => {
    const head = witness.heads.get(chain);
    return head && witness.checkpoint ? [{ count: head.seq, headHash: head.hash, label: witness.checkpoint.id }] : [];
  };
  const branches = [...new Set([...(await branchChains.chains()), ...witness.heads.keys()])].filter((chain) => chain !== LEGACY_CHAIN).sort();
  const legacy = await legacyChain.verify(LEGACY_CHAIN, [...legacyWitnesses, ...witnessOf(LEGACY_CHAIN)]);
  const genesis = await ledgerGenesis();
  const results = [legacy, ...(await inParallel(branches, (chain) => branchChains.verify(chain, witnessOf(chain))))];
  let firstBroken = results.find((result) => result.firstBroken)?.firstBroken;
  if (!firstBroken && genesis.pinned && (genesis.count !== legacy.count || genesis.headHash !== legacy.headHash)) {
    firstBroken = { chain: LEGACY_CHAIN, seq: Math.min(genesis.count, legacy.count + 1), reason: 'checkpoint', message: `原单链账本与迁移时固定的创世记录（${genesis.count} 条）不符，账本被改写` };
  }
  const checkpointBreak: LedgerBreak | undefined = witness.holds
    ? undefined
    : { chain: '', seq: 0, reason: 'checkpoint', message: `${witness.checkpoint!.id} 的校验点签名或根哈希不符，校验点被改动` };
  const heads = results.filter((result) => result.count > 0).map((result) => ({ chain: result.chain, seq: result.count, hash: result.headHash }));
  const broken = checkpointBreak ?? (firstBroken ? toBreak(firstBroken) : undefined);
  return {
    ok: broken === undefined,
    count: results.reduce((sum, result) => sum + result.count, 0),
    headHash: merkleRoot(heads),
    checkpointsChecked: legacyWitnesses.filter((checkpoint) => checkpoint.count <= legacy.count).length + (witness.checkpoint ? 1 : 0),
    chains: results.length,
    ...(broken ? { firstBroken: broken } : {}),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/**
 * Chains a request may verify in full: beyond them (a group of thousands of branches) the whole ledger is the
 * nightly checkpoint job's work, and a request verifies one branch's chain.
 */
export const WHOLE_LEDGER_REQUEST_CHAINS = 200;

/** One branch's chain recomputed and held against its head in the latest signed checkpoint (request-sized). */
export async function verifyChain(chain: string): Promise<LedgerVerification> {
  const started = performance.now();
  const witness = await latestWitness();
  const head = witness.heads.get(chain);
  const result = await chainOf(chain).verify(chain, head && witness.checkpoint ? [{ count: head.seq, headHash: head.hash, label: witness.checkpoint.id }] : []);
  const broken = witness.holds ? (result.firstBroken ? toBreak(result.firstBroken) : undefined) : { chain: '', seq: 0, reason: 'checkpoint' as const, message: `${witness.checkpoint!.id} 的校验点签名或根哈希不符，校验点被改动` };
  return {
    ok: broken === undefined,
    count: result.count,
    headHash: result.headHash,
    checkpointsChecked: head && witness.checkpoint ? 1 : 0,
    chains: 1,
    ...(broken ? { firstBroken: broken } : {}),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** What GET /ledger/verify answers: the branch asked for, or the whole ledger while a request can verify it all. */
export async function verifyOnRequest(branchId: string | undefined): Promise<LedgerVerification> {
  if (branchId !== undefined) return verifyChain(branchId);
  if ((await branchChains.chains()).length > WHOLE_LEDGER_REQUEST_CHAINS) {
    throw new AppError(409, 'LEDGER_VERIFY_BY_BRANCH', `账本共有超过 ${WHOLE_LEDGER_REQUEST_CHAINS} 个支部的记录，整本账每天夜间核验并公布校验点；请选择要当场核验的支部`);
  }
  return verifyLedger();
}

/**
 * A member's proof for one chain: the chain recomputed up to its head, and its head in the latest checkpoint
 * with the siblings up to the checkpoint's root (which was pushed to admins and finance outside the table).
 */
export async function chainProof(chain: string): Promise<ChainProof> {
  const latest = await checkpoints.latest();
  const heads = latest ? await checkpoints.heads(latest) : [];
  const known = heads.find((head) => head.chain === chain);
  const verification = await chainOf(chain).verify(chain, known && latest ? [{ count: known.seq, headHash: known.hash, label: latest.id }] : []);
  const included = latest ? await checkpoints.proof(latest, chain, heads) : undefined;
  return {
    chain,
    chainOk: verification.ok,
    count: verification.count,
    ...(latest && included
      ? {
          checkpoint: {
            day: latest.id,
            root: latest.root,
            signatureOk: checkpoints.signatureOk(latest),
            head: included.leaf,
            proof: included.proof,
            included: verifyInclusion(included.leaf, included.proof, latest.root),
          },
        }
      : {}),
  };
}
