import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../app-error';
import { db, tableName } from '../db';
import { batchGet, cancellationReasons, queryAll, type Item } from '../db-helpers';
import { logger } from '../logger';
import { GENESIS_HASH, contentOf, entryHash, storedItemHash } from './canonical';
import { ChainVerifier, type ChainLabel, type ChainVerification, type WitnessedHead } from './verify';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What every chained entry carries besides its content: its place in its chain and the hash link. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}
export type Linked<Draft> = Draft & ChainLink;

/** Writes that must land together with the entries; a function when they record the entries' sequence numbers. */
export type Alongside<Draft> = TransactItem[] | ((entries: Array<Linked<Draft>>) => TransactItem[]);

/** One of the writes that had to land with the entries found its condition false (e.g. a bill already paid). */
export class AlongsideConditionFailed extends Error {
  constructor(readonly index: number) {
    super(`condition ${index} of the chain transaction failed`);
    this.name = 'AlongsideConditionFailed';
  }
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * A family of hash chains of one capability (e.g. one dues ledger chain per branch), told apart by chain id.
 * Each chain lives in its own partition: entries at `SEQ#<12 digits>`, its head at `HEAD`. A registry of
 * chain ids (written once, when a chain takes its first entry) lets a checkpoint find every chain.
 */
export interface HashChainSpec<Draft extends object> {
  /** The `type` of entry items; the head item is `<itemType>-head`, the registry's `<itemType>-chain`. */
  itemType: string;
  /** The partition key of a chain's items. */
  partition: (chain: string) => string;
  /** The partition keys of the registry, spread over a few shards so no partition takes every new chain. */
  registryPartition: (shard: number) => string;
  registryShards: number;
  /** Index attributes of an entry (e.g. gsi1pk/gsi1sk for "a member's own entries"). */
  indexAttributes?: (entry: Linked<Draft>, chain: string) => Item;
  /** The hash a chain's first entry links to (e.g. a retired chain's final head); GENESIS_HASH by default. */
  genesisHash?: (chain: string) => Promise<string>;
  /** How a chain is named in verification messages. */
  label?: ChainLabel;
  /**
   * Chains written before heads were kept (no head item): their head is found from their last entry on every
   * append. Off, an append takes a chain without a head item for empty (its first append costs no query) and
   * looks for entries only when that guess loses (e.g. a head item deleted by hand).
   */
  headlessEntries?: boolean;
}

export function seqKey(seq: number): string {
  return `SEQ#${String(seq).padStart(12, '0')}`;
}

export const HEAD_SK = 'HEAD';
const MAX_ATTEMPTS = 200;
const RANGE = 1000;
const PREFETCH = 4;

type Outcome = 'written' | 'head-taken' | 'contention' | { alongsideFailed: number };

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * attempt)));

/** The shard of the registry a chain id is listed in (a stable, spread function of the id). */
export function registryShard(chain: string, shards: number): number {
  let hash = 2166136261;
  for (let index = 0; index < chain.length; index += 1) hash = Math.imul(hash ^ chain.charCodeAt(index), 16777619);
  return (hash >>> 0) % shards;
}

/**
 * Appends to, reads and verifies hash chains. Entries are only ever written with a Put conditioned on their
 * sequence number being free, together with a Put of the chain's head conditioned on the head the entries
 * were chained to: two writers can never both take one number (no fork), each takes head + 1 (no gap), and
 * a chain's writers never wait for another chain's.
 */
export class HashChain<Draft extends object> {
  /** The last head this Lambda copy wrote or read, per chain: right almost always, a stale one costs a retry. */
  private readonly cachedHeads = new Map<string, ChainHead>();

  constructor(private readonly spec: HashChainSpec<Draft>) {}

  forgetHeads(): void {
    this.cachedHeads.clear();
  }

  async genesisHash(chain: string): Promise<string> {
    return this.spec.genesisHash ? this.spec.genesisHash(chain) : GENESIS_HASH;
  }

  headKey(chain: string): { pk: string; sk: string } {
    return { pk: this.spec.partition(chain), sk: HEAD_SK };
  }

  entryKey(chain: string, seq: number): { pk: string; sk: string } {
    return { pk: this.spec.partition(chain), sk: seqKey(seq) };
  }

  /** The head as its head item says, cheaply (one GetItem): what an append tries first. */
  private async quickHead(chain: string): Promise<ChainHead> {
    if (this.spec.headlessEntries) return this.readHead(chain);
    const { Item: head } = await db().send(new GetCommand({ TableName: tableName(), Key: this.headKey(chain), ConsistentRead: true }));
    return head ? { seq: Number(head.seq), hash: String(head.hash) } : { seq: 0, hash: await this.genesisHash(chain) };
  }

  /**
   * The chain's head: its head item or its last entry, whichever is further (a chain written before heads were
   * kept has no head item; a head item naming entries that are gone is verification's to report).
   */
  async readHead(chain: string): Promise<ChainHead> {
    const [{ Item: head }, last] = await Promise.all([
      db().send(new GetCommand({ TableName: tableName(), Key: this.headKey(chain), ConsistentRead: true })),
      this.lastEntry(chain),
    ]);
    if (head && (!last || Number(head.seq) >= last.seq)) return { seq: Number(head.seq), hash: String(head.hash) };
    return last ?? { seq: 0, hash: await this.genesisHash(chain) };
  }

  private async lastEntry(chain: string): Promise<ChainHead | undefined> {
    const { Items } = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
        ExpressionAttributeValues: { ':pk': this.spec.partition(chain), ':seq': 'SEQ#' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const last = Items?.[0];
    return last ? { seq: Number(last.seq), hash: String(last.hash) } : undefined;
  }

  private link(drafts: Draft[], head: ChainHead): Array<Linked<Draft>> {
    const entries: Array<Linked<Draft>> = [];
    let previous = head;
    for (const draft of drafts) {
      const content = { ...draft, seq: previous.seq + 1, prevHash: previous.hash };
      const entry = { ...content, hash: entryHash(content) } as Linked<Draft>;
      entries.push(entry);
      previous = entry;
    }
    return entries;
  }

  entryItem(chain: string, entry: Linked<Draft>): Item {
    return { ...this.entryKey(chain, entry.seq), type: this.spec.itemType, ...this.spec.indexAttributes?.(entry, chain), ...(entry as ChainLink) };
  }

  /** The chain's own writes: its entries, its head moved on (conditionally), and its registry line when new. */
  private chainWrites(chain: string, entries: Array<Linked<Draft>>, head: ChainHead): TransactItem[] {
    const last = entries[entries.length - 1]!;
    const writes: TransactItem[] = entries.map((entry) => ({
      Put: { TableName: tableName(), Item: this.entryItem(chain, entry), ConditionExpression: 'attribute_not_exists(pk)' },
    }));
    writes.push({
      Put: {
        TableName: tableName(),
        Item: { ...this.headKey(chain), type: `${this.spec.itemType}-head`, chain, seq: last.seq, hash: last.hash },
        // A chain written before heads were kept has no head item yet: its entries' own conditions guard it.
        ConditionExpression: head.seq === 0 ? 'attribute_not_exists(pk)' : 'attribute_not_exists(pk) OR seq = :seq',
        ...(head.seq === 0 ? {} : { ExpressionAttributeValues: { ':seq': head.seq } }),
      },
    });
    if (head.seq === 0) {
      const shard = registryShard(chain, this.spec.registryShards);
      writes.push({ Put: { TableName: tableName(), Item: { pk: this.spec.registryPartition(shard), sk: chain, type: `${this.spec.itemType}-chain`, chain } } });
    }
    return writes;
  }

  private async write(own: TransactItem[], alongside: TransactItem[]): Promise<Outcome> {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: [...own, ...alongside] }));
      return 'written';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      const failedAlongside = reasons.findIndex((code, index) => index >= own.length && code === 'ConditionalCheckFailed');
      if (failedAlongside >= 0) return { alongsideFailed: failedAlongside - own.length };
      if (reasons.slice(0, own.length).includes('ConditionalCheckFailed')) return 'head-taken';
      // TransactionConflict: another transaction touched one of these items at the same moment (real DynamoDB).
      if (reasons.includes('TransactionConflict')) return 'contention';
      throw error;
    }
  }

  /**
   * Appends entries at the head of a chain, atomically with `alongside` writes (a bill marked paid, an order
   * settled); the loser of a race for the head re-reads it and tries again. Throws AlongsideConditionFailed
   * when one of the other writes' conditions is false: nothing was written.
   */
  async append(chain: string, drafts: Draft[], alongside: Alongside<Draft> = []): Promise<Array<Linked<Draft>>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      // The head this copy knows, else the head item; after a few lost races, the head as the entries say too
      // (a head item deleted or rolled back by hand would otherwise make every append lose).
      const head = attempt > 3 ? await this.readHead(chain) : (this.cachedHeads.get(chain) ?? (await this.quickHead(chain)));
      const entries = this.link(drafts, head);
      const others = typeof alongside === 'function' ? alongside(entries) : alongside;
      const own = drafts.length === 0 ? [] : this.chainWrites(chain, entries, head);
      if (drafts.length === 0 || own.length + others.length > 100) throw new Error('a chain transaction holds 1–100 items');
      const outcome = await this.write(own, others);
      if (outcome === 'written') {
        const last = entries[entries.length - 1]!;
        this.cachedHeads.set(chain, { seq: last.seq, hash: last.hash });
        return entries;
      }
      if (typeof outcome === 'object') throw new AlongsideConditionFailed(outcome.alongsideFailed);
      this.cachedHeads.delete(chain);
      if (outcome === 'contention' || attempt > 3) await pause(attempt);
    }
    logger.error('chain append gave up under contention', { chain, attempts: MAX_ATTEMPTS });
    throw new AppError(503, 'INTERNAL', '账本繁忙，请稍后重试');
  }

  toEntry(item: Item): Linked<Draft> {
    return { ...contentOf(item), hash: String(item.hash) } as Linked<Draft>;
  }

  private rangeItems(chain: string, from: number, to: number): Promise<Item[]> {
    return queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': this.spec.partition(chain), ':from': seqKey(from), ':to': seqKey(to) },
    });
  }

  /**
   * A chain's stored items up to its head, in sequence order and exactly as they are in the table (for
   * verification): ranges of 1,000 sequence numbers, a few fetched ahead while the previous one is checked.
   */
  async *itemPages(chain: string, knownHead?: ChainHead): AsyncGenerator<Item[]> {
    const head = knownHead ?? (await this.readHead(chain));
    const starts = Array.from({ length: Math.ceil(head.seq / RANGE) }, (_, index) => index * RANGE + 1);
    const pending: Array<Promise<Item[]>> = [];
    const fill = () => {
      while (pending.length < PREFETCH && starts.length > 0) {
        const from = starts.shift()!;
        pending.push(this.rangeItems(chain, from, Math.min(from + RANGE - 1, head.seq)));
      }
    };
    fill();
    while (pending.length > 0) {
      const page = await pending.shift()!;
      fill();
      yield page;
    }
  }

  async list(chain: string, afterSeq: number, limit: number): Promise<{ entries: Array<Linked<Draft>>; nextAfterSeq?: number }> {
    const { Items } = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :after AND :last',
        ExpressionAttributeValues: { ':pk': this.spec.partition(chain), ':after': seqKey(afterSeq + 1), ':last': seqKey(10 ** 12 - 1) },
        Limit: limit,
      }),
    );
    const entries = (Items ?? []).map((item) => this.toEntry(item));
    return { entries, ...(entries.length === limit ? { nextAfterSeq: entries[entries.length - 1]!.seq } : {}) };
  }

  /** Entries by chain and sequence number, with whether each stored item's hash still matches its content. */
  async getItems(refs: ReadonlyArray<{ chain: string; seq: number }>): Promise<Item[]> {
    const unique = new Map(refs.filter((ref) => ref.seq >= 1).map((ref) => [`${ref.chain}#${ref.seq}`, ref]));
    return batchGet([...unique.values()].map((ref) => this.entryKey(ref.chain, ref.seq)));
  }

  async get(chain: string, seqs: number[]): Promise<Map<number, Linked<Draft>>> {
    const items = await this.getItems(seqs.map((seq) => ({ chain, seq })));
    return new Map(items.map((item) => [Number(item.seq), this.toEntry(item)]));
  }

  /** Whether a stored item still matches the hash it carries. */
  static contentOk(item: Item): boolean {
    return storedItemHash(item) === item.hash;
  }

  /** Every chain id in the registry, sorted (each shard is one small Query). */
  async chains(): Promise<string[]> {
    const shards = await Promise.all(
      Array.from({ length: this.spec.registryShards }, (_, shard) =>
        queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': this.spec.registryPartition(shard) }, ProjectionExpression: 'chain' }),
      ),
    );
    return shards.flat().map((item) => String(item.chain)).sort();
  }

  /** The heads of many chains (BatchGet of their head items; a chain without one is read the slow way). */
  async heads(chains: readonly string[]): Promise<Map<string, ChainHead>> {
    const items = await batchGet(chains.map((chain) => this.headKey(chain)));
    const heads = new Map(items.map((item) => [String(item.chain), { seq: Number(item.seq), hash: String(item.hash) }]));
    for (const chain of chains) if (!heads.has(chain)) heads.set(chain, await this.readHead(chain));
    return heads;
  }

  /** Recomputes one chain from the table, checking it against the heads witnesses were given. */
  async verify(chain: string, witnesses: readonly WitnessedHead[] = []): Promise<ChainVerification> {
    const head = await this.readHead(chain);
    const options = { genesisHash: await this.genesisHash(chain), witnesses, headSeq: head.seq, ...(this.spec.label ? { label: this.spec.label } : {}) };
    const verifier = new ChainVerifier(chain, options);
    for await (const page of this.itemPages(chain, head)) for (const item of page) verifier.add(item);
    return verifier.result();
  }
}
