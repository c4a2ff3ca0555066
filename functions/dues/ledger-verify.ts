import type { Checkpoint, LedgerBreak } from '../../shared/api/dues';
import { GENESIS_HASH, storedItemHash } from './ledger-hash';

/**
 * Recomputes the chain entry by entry, in sequence order, as pages arrive: every entry must carry the
 * next sequence number (no gap), the previous entry's hash (no fork or splice), a hash that matches its
 * content (no edit), and the hash that each published checkpoint recorded at its count (no rewrite of the
 * whole chain after the checkpoint). Reports the first broken entry.
 */
export class ChainVerifier {
  private count = 0;
  private prevHash = GENESIS_HASH;
  private firstBroken: LedgerBreak | undefined;
  private readonly checkpointAt = new Map<number, Checkpoint>();

  constructor(checkpoints: readonly Checkpoint[] = []) {
    for (const checkpoint of checkpoints) this.checkpointAt.set(checkpoint.count, checkpoint);
  }

  add(item: Record<string, unknown>): void {
    this.count += 1;
    const seq = Number(item.seq);
    if (!this.firstBroken) this.firstBroken = this.check(item, seq);
    this.prevHash = String(item.hash);
  }

  private check(item: Record<string, unknown>, seq: number): LedgerBreak | undefined {
    if (seq !== this.count) {
      return { seq: this.count, reason: 'gap', message: `第 ${this.count} 条记录缺失或序号不连续` };
    }
    if (item.prevHash !== this.prevHash) {
      return { seq, reason: 'link', message: `第 ${seq} 条记录与前一条的哈希链接断开` };
    }
    if (storedItemHash(item) !== item.hash) {
      return { seq, reason: 'hash', message: `第 ${seq} 条记录的内容与其哈希不符，记录已被改动` };
    }
    const checkpoint = this.checkpointAt.get(seq);
    if (checkpoint && checkpoint.headHash !== item.hash) {
      return { seq, reason: 'checkpoint', message: `第 ${seq} 条记录与 ${checkpoint.day} 公布的校验点不符，账本被改写` };
    }
    return undefined;
  }

  result(): { ok: boolean; count: number; headHash: string; checkpointsChecked: number; firstBroken?: LedgerBreak } {
    let firstBroken = this.firstBroken;
    const checkpoints = [...this.checkpointAt.values()];
    const beyond = checkpoints.filter((checkpoint) => checkpoint.count > this.count).sort((a, b) => a.count - b.count)[0];
    if (!firstBroken && beyond) {
      firstBroken = { seq: this.count + 1, reason: 'checkpoint', message: `${beyond.day} 公布的校验点有 ${beyond.count} 条记录，现存只有 ${this.count} 条，记录被删除` };
    }
    return {
      ok: firstBroken === undefined,
      count: this.count,
      headHash: this.prevHash,
      checkpointsChecked: checkpoints.filter((checkpoint) => checkpoint.count <= this.count).length,
      ...(firstBroken ? { firstBroken } : {}),
    };
  }
}
