import { canonicalJson, sha256Hex } from './canonical';

/**
 * A Merkle tree over chain heads, so one root published in a checkpoint commits to every chain's head and a
 * member can check their chain's head against it with a few hashes (an inclusion proof), without the others.
 * Leaves and inner nodes are hashed with different prefixes (a leaf can never pass for a node); an odd node
 * at the end of a level is carried up unchanged (never paired with itself).
 */
export interface HeadLeaf {
  chain: string;
  seq: number;
  hash: string;
}

export interface ProofStep {
  /** Which side the sibling is on. */
  side: 'left' | 'right';
  hash: string;
}

export const leafHash = (head: HeadLeaf): string => sha256Hex(`leaf:${canonicalJson({ chain: head.chain, hash: head.hash, seq: head.seq })}`);
const nodeHash = (left: string, right: string): string => sha256Hex(`node:${left}${right}`);

/** The root of an empty tree. */
export const EMPTY_ROOT = sha256Hex('empty');

function levels(leaves: readonly string[]): string[][] {
  const all: string[][] = [[...leaves]];
  while (all[all.length - 1]!.length > 1) {
    const level = all[all.length - 1]!;
    const next: string[] = [];
    for (let index = 0; index < level.length; index += 2) next.push(index + 1 < level.length ? nodeHash(level[index]!, level[index + 1]!) : level[index]!);
    all.push(next);
  }
  return all;
}

/** Leaves in chain id order, so the same heads always give the same root. */
export function sortedHeads(heads: readonly HeadLeaf[]): HeadLeaf[] {
  return [...heads].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}

export function merkleRoot(heads: readonly HeadLeaf[]): string {
  if (heads.length === 0) return EMPTY_ROOT;
  const all = levels(sortedHeads(heads).map(leafHash));
  return all[all.length - 1]![0]!;
}

/** The siblings from a chain's leaf up to the root, or undefined when the chain is not among the heads. */
export function inclusionProof(heads: readonly HeadLeaf[], chain: string): { leaf: HeadLeaf; proof: ProofStep[] } | undefined {
  const sorted = sortedHeads(heads);
  let position = sorted.findIndex((head) => head.chain === chain);
  if (position < 0) return undefined;
  const proof: ProofStep[] = [];
  for (const level of levels(sorted.map(leafHash)).slice(0, -1)) {
    const sibling = position % 2 === 0 ? position + 1 : position - 1;
    if (sibling < level.length) proof.push({ side: position % 2 === 0 ? 'right' : 'left', hash: level[sibling]! });
    position = Math.floor(position / 2);
  }
  return { leaf: sorted.find((head) => head.chain === chain)!, proof };
}

/** Whether a head, with its proof, leads to the root. */
export function verifyInclusion(leaf: HeadLeaf, proof: readonly ProofStep[], root: string): boolean {
  let hash = leafHash(leaf);
  for (const step of proof) hash = step.side === 'left' ? nodeHash(step.hash, hash) : nodeHash(hash, step.hash);
  return hash === root;
}
