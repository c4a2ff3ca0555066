/**
 * Pacing of a unit's WeCom calls: notice i of a sending session goes out no earlier than `start + i / rate`
 * seconds. The schedule is plain arithmetic (tests check it); waiting goes through an injected sleep.
 */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The earliest instant (ms) of each of `count` calls started at `startMs`, at `ratePerSecond`. */
export function paceSchedule(startMs: number, count: number, ratePerSecond: number): number[] {
  const interval = 1000 / ratePerSecond;
  return Array.from({ length: count }, (_, index) => Math.round(startMs + index * interval));
}

export class Pacer {
  private sent = 0;
  private readonly startMs: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly clock: () => number,
    private readonly sleep: Sleep,
  ) {
    this.startMs = clock();
  }

  /** When the next call may go out. */
  nextSlot(): number {
    return paceSchedule(this.startMs, this.sent + 1, this.ratePerSecond)[this.sent]!;
  }

  /** Waits for the next call's slot and takes it. */
  async next(): Promise<void> {
    const wait = this.nextSlot() - this.clock();
    if (wait > 0) await this.sleep(wait);
    this.sent += 1;
  }
}
