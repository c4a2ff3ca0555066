import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db';
import { putIfAbsent, queryAll, type Item } from '../db-helpers';
import { inclusionProof, merkleRoot, sortedHeads, type HeadLeaf, type ProofStep } from './merkle';
import { checkpointSignatureOk, signCheckpoint } from './signature';

/** What a checkpoint commits to, signed: every chain's head through the Merkle root of their leaves. */
export interface SignedCheckpoint {
  /** The checkpoint's id (e.g. its day): one checkpoint per id, the first one published stands. */
  id: string;
  at: string;
  chains: number;
  /** Entries in all chains together (the sum of the heads' sequence numbers). */
  entries: number;
  root: string;
  signature: string;
}

export interface CheckpointBookSpec {
  /** The partition of the checkpoints themselves (sort key: id; newest last). */
  partition: string;
  /** The partition of one checkpoint's heads (pages of leaves, under a sort key prefix of its root). */
  headsPartition: (id: string) => string;
  itemType: string;
  /** The label of the signing key (one per use, see signature.ts). */
  signingLabel: string;
}

/** Heads per stored page: 1,000 leaves are about 100 KB, well inside DynamoDB's 400 KB item limit. */
const HEADS_PER_PAGE = 1000;

const signedBody = (checkpoint: Omit<SignedCheckpoint, 'signature'>) => ({
  at: checkpoint.at,
  chains: checkpoint.chains,
  entries: checkpoint.entries,
  id: checkpoint.id,
  root: checkpoint.root,
});

/**
 * Signed checkpoints of a family of chains. The heads are stored first, under their root (so two copies of
 * the job racing on one id never mix their pages), then the checkpoint itself, once per id: whoever rewrites
 * a chain later cannot match a head whose leaf is in a root that was signed and pushed out of the table.
 */
export class CheckpointBook {
  constructor(private readonly spec: CheckpointBookSpec) {}

  /** Publishes the checkpoint of these heads under `id` unless one exists; returns the one that stands. */
  async publish(id: string, heads: readonly HeadLeaf[], at: Date): Promise<{ checkpoint: SignedCheckpoint; published: boolean }> {
    const existing = await this.get(id);
    if (existing) return { checkpoint: existing, published: false };
    const sorted = sortedHeads(heads);
    const body = { id, at: at.toISOString(), chains: sorted.length, entries: sorted.reduce((sum, head) => sum + head.seq, 0), root: merkleRoot(sorted) };
    const checkpoint: SignedCheckpoint = { ...body, signature: signCheckpoint(signedBody(body), this.spec.signingLabel) };
    for (let start = 0, page = 0; start < sorted.length || page === 0; start += HEADS_PER_PAGE, page += 1) {
      const leaves = sorted.slice(start, start + HEADS_PER_PAGE).map((head) => [head.chain, head.seq, head.hash]);
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { pk: this.spec.headsPartition(id), sk: `${checkpoint.root}#${String(page).padStart(5, '0')}`, type: `${this.spec.itemType}-heads`, leaves },
        }),
      );
    }
    const published = await putIfAbsent({ pk: this.spec.partition, sk: id, type: this.spec.itemType, ...checkpoint });
    return published ? { checkpoint, published } : { checkpoint: (await this.get(id))!, published };
  }

  async get(id: string): Promise<SignedCheckpoint | undefined> {
    const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND sk = :id', ExpressionAttributeValues: { ':pk': this.spec.partition, ':id': id }, ConsistentRead: true });
    return items[0] && isSigned(items[0]) ? toCheckpoint(items[0]) : undefined;
  }

  /** The newest signed checkpoint (items of other shapes in the partition, e.g. older unsigned ones, are skipped). */
  async latest(): Promise<SignedCheckpoint | undefined> {
    let start: Item | undefined;
    do {
      const reply = await db().send(
        new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': this.spec.partition }, ScanIndexForward: false, Limit: 20, ExclusiveStartKey: start }),
      );
      const signed = (reply.Items ?? []).find(isSigned);
      if (signed) return toCheckpoint(signed);
      start = reply.LastEvaluatedKey;
    } while (start);
    return undefined;
  }

  /** The heads a checkpoint committed to, as stored. */
  async heads(checkpoint: SignedCheckpoint): Promise<HeadLeaf[]> {
    const pages = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :root)',
      ExpressionAttributeValues: { ':pk': this.spec.headsPartition(checkpoint.id), ':root': `${checkpoint.root}#` },
    });
    return pages.flatMap((page) => (page.leaves as Array<[string, number, string]>).map(([chain, seq, hash]) => ({ chain, seq: Number(seq), hash })));
  }

  /**
   * Whether a checkpoint holds: signed with this platform's key, and its stored heads still give its root.
   * A head edited in the table (to cover a rewritten chain) changes the root; a root edited too breaks the signature.
   */
  signatureOk(checkpoint: SignedCheckpoint): boolean {
    return checkpointSignatureOk(signedBody(checkpoint), checkpoint.signature, this.spec.signingLabel);
  }

  async holds(checkpoint: SignedCheckpoint, heads?: readonly HeadLeaf[]): Promise<boolean> {
    return this.signatureOk(checkpoint) && merkleRoot(heads ?? (await this.heads(checkpoint))) === checkpoint.root;
  }

  /** A chain's head in a checkpoint with its inclusion proof, for a member to check against the root. */
  async proof(checkpoint: SignedCheckpoint, chain: string, heads?: readonly HeadLeaf[]): Promise<{ leaf: HeadLeaf; proof: ProofStep[] } | undefined> {
    return inclusionProof(heads ?? (await this.heads(checkpoint)), chain);
  }
}

const isSigned = (item: Item): boolean => typeof item.root === 'string' && typeof item.signature === 'string';

const toCheckpoint = (item: Item): SignedCheckpoint => ({
  id: String(item.id),
  at: String(item.at),
  chains: Number(item.chains),
  entries: Number(item.entries),
  root: String(item.root),
  signature: String(item.signature),
});
