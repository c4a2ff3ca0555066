/**
 * The server's clock as seen from the device. A phone's clock may be minutes or hours off, and the server
 * refuses usage events "from the future" (more than 5 minutes ahead). Every answer's `Date` header tells us
 * the offset; times the app stamps are the device time it happened, turned into server time when sent —
 * a constant skew cancels out, whenever the item finally leaves the queue.
 */
let offsetMs = 0;

/** Server minus device clock, from one exchange: the answer was dated somewhere between sending and receiving. */
export function offsetFromDate(dateHeader: string | undefined, sentAt: number, receivedAt: number): number | null {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  // The header has whole seconds: its true moment lies within the following second.
  return server + 500 - (sentAt + receivedAt) / 2;
}

export function noteServerDate(dateHeader: string | undefined, sentAt: number, receivedAt: number): void {
  const offset = offsetFromDate(dateHeader, sentAt, receivedAt);
  // Under two seconds is within what the header can tell; leave it.
  if (offset !== null && Math.abs(offset - offsetMs) > 2_000) offsetMs = offset;
}

/** A device time (ms or ISO) as the server's clock reads it now. */
export function toServerTime(deviceTime: number | string): string {
  const ms = typeof deviceTime === 'number' ? deviceTime : Date.parse(deviceTime);
  return new Date(ms + offsetMs).toISOString();
}

export function serverOffsetMs(): number {
  return offsetMs;
}

/** For tests: a known offset. */
export function setServerOffsetMs(offset: number): void {
  offsetMs = offset;
}
