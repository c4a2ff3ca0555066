/**
 * The times stored about an anonymous author's own acts (submitting, rating). An exact time would pair the
 * suggestion with whatever else records the member's activity at that moment (their named suggestions, the
 * rate counter, their app's usage events, gateway logs), so these acts are stamped with the start of their
 * UTC hour — or, when that would put the act before the last recorded change (a handler's reply in the same
 * hour), one millisecond after that change, a time that only says "after the reply".
 */
const HOUR_MS = 3_600_000;

export function hourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export function anonymousActTime(now: Date, after?: string): string {
  const coarse = hourStart(now).getTime();
  const floor = after ? Date.parse(after) + 1 : Number.NEGATIVE_INFINITY;
  return new Date(Math.max(coarse, floor)).toISOString();
}

/** The rate counter lives until an hour after its window ends: its expiry time says the hour, not the moment. */
export function rateCounterExpiry(now: Date): number {
  return Math.floor((hourStart(now).getTime() + 2 * HOUR_MS) / 1000);
}
