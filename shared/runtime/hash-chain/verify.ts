import { GENESIS_HASH, storedItemHash } from './canonical';

export type ChainBreakReason = 'hash' | 'link' | 'gap' | 'checkpoint';

/** The first entry of a chain that does not hold: which chain, which sequence number, why (in Chinese). */
export interface ChainBreak {
  chain: string;
  seq: number;
  reason: ChainBreakReason;
  message: string;
}

/** A head someone outside the table was given: the chain had `count` entries and this head hash. */
export interface WitnessedHead {
  count: number;
  headHash: string;
  /** How the witness is named in a message (e.g. the day of a checkpoint). */
  label: string;
}

export interface ChainVerification {
  chain: string;
  ok: boolean;
  count: number;
  headHash: string;
  checkpointsChecked: number;
  firstBroken?: ChainBreak;
}

/** How a chain is named in messages: `chainLabel('songling')` → "songling 链的". Empty for a lone chain. */
export type ChainLabel = (chain: string) => string;

/**
 * Recomputes one chain entry by entry, in sequence order, as pages arrive: every entry must carry the next
 * sequence number (no gap), the previous entry's hash (no fork or splice; the first one the chain's genesis
 * hash), a hash that matches its content (no edit), and the head hash each witness recorded at its count (no
 * rewrite of the whole chain after it). Reports the first broken entry.
 */
export class ChainVerifier {
  private count = 0;
  private prevHash: string;
  private firstBroken: ChainBreak | undefined;
  private readonly witnessAt = new Map<number, WitnessedHead>();

  constructor(
    private readonly chain: string,
    options: { genesisHash?: string; witnesses?: readonly WitnessedHead[]; label?: ChainLabel; headSeq?: number; resumeAfter?: { seq: number; hash: string } } = {},
  ) {
    // Resuming: the entries up to `resumeAfter` were verified earlier (e.g. by an interrupted run).
    this.prevHash = options.resumeAfter?.hash ?? options.genesisHash ?? GENESIS_HASH;
    this.count = options.resumeAfter?.seq ?? 0;
    this.headSeq = options.headSeq ?? 0;
    this.label = options.label ?? (() => '');
    for (const witness of options.witnesses ?? []) this.witnessAt.set(witness.count, witness);
  }

  private readonly label: ChainLabel;
  /** The sequence number the chain's head item names: entries missing at the end are a gap too. */
  private readonly headSeq: number;

  add(item: Record<string, unknown>): void {
    this.count += 1;
    if (!this.firstBroken) this.firstBroken = this.check(item, Number(item.seq));
    this.prevHash = String(item.hash);
  }

  private broken(seq: number, reason: ChainBreakReason, message: string): ChainBreak {
    return { chain: this.chain, seq, reason, message: `${this.label(this.chain)}${message}` };
  }

  private check(item: Record<string, unknown>, seq: number): ChainBreak | undefined {
    if (seq !== this.count) return this.broken(this.count, 'gap', `第 ${this.count} 条记录缺失或序号不连续`);
    if (item.prevHash !== this.prevHash) return this.broken(seq, 'link', `第 ${seq} 条记录与前一条的哈希链接断开`);
    if (storedItemHash(item) !== item.hash) return this.broken(seq, 'hash', `第 ${seq} 条记录的内容与其哈希不符，记录已被改动`);
    const witness = this.witnessAt.get(seq);
    if (witness && witness.headHash !== item.hash) return this.broken(seq, 'checkpoint', `第 ${seq} 条记录与 ${witness.label} 公布的校验点不符，记录被改写`);
    return undefined;
  }

  result(): ChainVerification {
    let firstBroken = this.firstBroken;
    const witnesses = [...this.witnessAt.values()];
    const beyond = witnesses.filter((witness) => witness.count > this.count).sort((a, b) => a.count - b.count)[0];
    if (!firstBroken && this.headSeq > this.count) {
      firstBroken = this.broken(this.count + 1, 'gap', `第 ${this.count + 1} 条记录缺失（链头为第 ${this.headSeq} 条）`);
    }
    if (!firstBroken && beyond) {
      firstBroken = this.broken(this.count + 1, 'checkpoint', `${beyond.label} 公布的校验点有 ${beyond.count} 条记录，现存只有 ${this.count} 条，记录被删除`);
    }
    return {
      chain: this.chain,
      ok: firstBroken === undefined,
      count: this.count,
      headHash: this.prevHash,
      checkpointsChecked: witnesses.filter((witness) => witness.count <= this.count).length,
      ...(firstBroken ? { firstBroken } : {}),
    };
  }
}
