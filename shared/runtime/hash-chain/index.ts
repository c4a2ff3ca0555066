/**
 * Hash chains any capability can keep under its own key prefix (dues: the ledger, one chain per branch;
 * membership: transfer and joining steps): conditional appends with a per-chain sequence, canonical entry
 * hashing, verification naming the first bad entry, and signed checkpoints committing to every chain's head
 * with a Merkle root.
 */
export { GENESIS_HASH, canonicalJson, contentOf, entryHash, sha256Hex, storedItemHash } from './canonical';
export { AlongsideConditionFailed, HashChain, HEAD_SK, registryShard, seqKey } from './chain';
export type { Alongside, ChainHead, ChainLink, HashChainSpec, Linked, TransactItem } from './chain';
export { ChainVerifier } from './verify';
export type { ChainBreak, ChainBreakReason, ChainLabel, ChainVerification, WitnessedHead } from './verify';
export { EMPTY_ROOT, inclusionProof, leafHash, merkleRoot, sortedHeads, verifyInclusion } from './merkle';
export type { HeadLeaf, ProofStep } from './merkle';
export { checkpointSignatureOk, signCheckpoint } from './signature';
export { CheckpointBook } from './checkpoint-book';
export type { CheckpointBookSpec, SignedCheckpoint } from './checkpoint-book';
