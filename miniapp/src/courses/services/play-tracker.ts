/** The longest step between two time updates that still counts as playing on (players report every ~0.25–1 s). */
const MAX_STEP_SECONDS = 2;

/**
 * Turns the player's time-update events into the intervals actually played: a seek (a jump back or ahead)
 * closes the current interval and starts a new one, so skipping to the end never counts the skipped part.
 * The server merges what it receives, so overlaps and repeats here are harmless.
 */
export class PlayTracker {
  private current: [number, number] | null = null;
  private closed: [number, number][] = [];

  update(seconds: number): void {
    if (this.current && seconds >= this.current[1] && seconds - this.current[1] <= MAX_STEP_SECONDS) {
      this.current[1] = seconds;
      return;
    }
    this.close();
    this.current = [seconds, seconds];
  }

  /** A pause or the end: the next update starts a new interval. */
  close(): void {
    if (this.current && this.current[1] > this.current[0]) this.closed.push(this.current);
    this.current = null;
  }

  /** Seconds played and not yet taken. */
  pendingSeconds(): number {
    const open = this.current ? this.current[1] - this.current[0] : 0;
    return this.closed.reduce((sum, [start, end]) => sum + end - start, open);
  }

  /** The intervals played since the last take, rounded to whole seconds outward; playing goes on from where it is. */
  take(): [number, number][] {
    const taken = [...this.closed];
    if (this.current && this.current[1] > this.current[0]) {
      taken.push([this.current[0], this.current[1]]);
      this.current = [this.current[1], this.current[1]];
    }
    this.closed = [];
    return taken.map(([start, end]) => [Math.floor(start), Math.ceil(end)]);
  }
}
