import { pinyin } from 'pinyin-pro';

/**
 * Matching a member's name against what a secretary types into the roster or a picker: the characters
 * themselves (张书), the full pinyin (zhangshuji), the initials (zsj) or any mix starting at a syllable
 * (zhangsj, shuji). Tones and spaces are ignored; the surname is read with its surname pronunciation
 * (单 → shan, 曾 → zeng).
 */
export function normaliseQuery(text: string): string {
  return text.toLowerCase().replace(/[\s'·]/g, '');
}

const syllableCache = new Map<string, string[]>();
const CACHE_LIMIT = 20_000;

function syllablesOf(name: string): string[] {
  let syllables = syllableCache.get(name);
  if (!syllables) {
    syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true })
      .map((syllable) => normaliseQuery(syllable))
      .filter((syllable) => syllable !== '');
    // A Lambda copy lives long; the cache must not grow without bound over a large organisation.
    if (syllableCache.size >= CACHE_LIMIT) syllableCache.clear();
    syllableCache.set(name, syllables);
  }
  return syllables;
}

/** Whether the query is consumed by the syllables from `index` on, each syllable whole or by a prefix. */
function consumes(query: string, syllables: string[], index: number): boolean {
  if (query === '') return true;
  const syllable = syllables[index];
  if (syllable === undefined) return false;
  for (let length = Math.min(syllable.length, query.length); length >= 1; length -= 1) {
    if (query.startsWith(syllable.slice(0, length)) && consumes(query.slice(length), syllables, index + 1)) return true;
  }
  return false;
}

export function nameMatches(name: string, rawQuery: string): boolean {
  const query = normaliseQuery(rawQuery);
  if (query === '') return true;
  if (normaliseQuery(name).includes(query)) return true;
  if (!/^[a-z]+$/.test(query)) return false;
  const syllables = syllablesOf(name);
  return syllables.some((_, start) => consumes(query, syllables, start));
}
