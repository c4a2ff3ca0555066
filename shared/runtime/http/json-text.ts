/**
 * JSON text of answers a route hands out again and again without changing them (the per-copy cache of each
 * member's evaluated toggles): serialised the first time, reused after. Only objects marked here are
 * remembered, and only while something else still holds them.
 */
const texts = new WeakMap<object, string>();

/** Marks an answer that is never mutated after this call, so its JSON text is computed once. */
export function unchangingAnswer<T extends object>(answer: T): T {
  if (!texts.has(answer)) texts.set(answer, JSON.stringify(answer));
  return answer;
}

/** The JSON text of a response body: remembered for unchanging answers, serialised otherwise. */
export function jsonText(body: unknown): string {
  return (typeof body === 'object' && body !== null ? texts.get(body) : undefined) ?? JSON.stringify(body);
}
