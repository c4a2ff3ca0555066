/**
 * The reason a reviewer reads beside a held text: a neutral 「含需复核词：…」 naming the words the filter found,
 * never a category label such as 违法犯罪信息 — next to a member's name that would read as an accusation, and a
 * word is only a reason to look. Free of runtime imports so the mini-program uses it too.
 */
export interface HeldSpan {
  start: number;
  end: number;
}

/** At most this many words are named; the text itself shows every one highlighted. */
const MAX_WORDS = 5;

/** The distinct words the hits cover, in the order they appear (title first); a hit inside a longer one is not repeated. */
export function heldWords(texts: ReadonlyArray<{ text: string; hits: readonly HeldSpan[] }>): string[] {
  const words: string[] = [];
  for (const { text, hits } of texts) {
    let reach = -1;
    for (const hit of [...hits].sort((a, b) => a.start - b.start || b.end - a.end)) {
      if (hit.end <= reach) continue;
      reach = hit.end;
      const word = text.slice(hit.start, hit.end).trim();
      if (word.length > 0 && !words.includes(word)) words.push(word);
    }
  }
  return words;
}

/** 「含需复核词：甲、乙」, or, when no word of ours held it (WeChat's second opinion did), 「需人工复核」. */
export function reviewReason(texts: ReadonlyArray<{ text: string; hits: readonly HeldSpan[] }>): string {
  const words = heldWords(texts);
  if (words.length === 0) return '需人工复核';
  const named = words.slice(0, MAX_WORDS).join('、');
  return `含需复核词：${named}${words.length > MAX_WORDS ? ' 等' : ''}`;
}
