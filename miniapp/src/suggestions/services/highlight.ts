/** A piece of text, marked when the moderation filter found something there. */
export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Cuts a text into plain and highlighted pieces by the filter's hits (UTF-16 offsets, end exclusive),
 * merging hits that overlap or touch, so a reviewer sees each suspicious stretch once.
 */
export function highlightSegments(text: string, hits: ReadonlyArray<{ start: number; end: number }>): Segment[] {
  const spans = hits
    .map((hit) => ({ start: Math.max(0, hit.start), end: Math.min(text.length, hit.end) }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const segments: Segment[] = [];
  let at = 0;
  for (const span of merged) {
    if (span.start > at) segments.push({ text: text.slice(at, span.start), hit: false });
    segments.push({ text: text.slice(span.start, span.end), hit: true });
    at = span.end;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at), hit: false });
  return segments;
}
