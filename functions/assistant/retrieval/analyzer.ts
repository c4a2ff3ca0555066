import type { Jieba } from '@node-rs/jieba';
import { toSimplified } from '../../../shared/moderation/normalize';
import { STOP_CHARS, STOP_WORDS } from './stop-words';
import { SYNONYM_GROUPS, WORD_SYNONYMS } from './synonyms';

/**
 * A text as the retriever reads it, in three channels: the words (jieba's search mode, which adds a long
 * word's parts), character pairs (robust to a segmentation that differs between question and passage) and
 * single characters (robust to a typo that breaks both words and pairs).
 */
export interface AnalysedText {
  words: string[];
  bigrams: string[];
  chars: string[];
}

export type Channel = keyof AnalysedText;
export const CHANNELS: readonly Channel[] = ['words', 'bigrams', 'chars'];

const phraseToCanonical = new Map<string, string>();
for (const [canonical, variants] of SYNONYM_GROUPS) {
  phraseToCanonical.set(canonical, canonical);
  for (const variant of variants) phraseToCanonical.set(variant, canonical);
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first: the regex takes the first alternative that matches, and a canonical form maps to itself.
const PHRASES = new RegExp([...phraseToCanonical.keys()].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');

const HAN = /[\u3400-\u9fff]/;
const MEANINGFUL_WORD = /^(?:[\u3400-\u9fff]+|[a-z0-9]+(?:\.[0-9]+)?%?)$/;
/** A bare amount ("八千", "三千整", "一万二", "4200块"): the member's own figure, never what a rule is about. */
const AMOUNT = /^[零一二两三四五六七八九十百千万亿\d.]+[整多块元]?$/;

/** Full-width forms, case and traditional characters folded; the field's phrases in their canonical form. */
export function normaliseQuestion(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase()).replace(PHRASES, (phrase) => phraseToCanonical.get(phrase)!);
}

export function analyse(text: string, jieba: Jieba): AnalysedText {
  const normalised = normaliseQuestion(text);
  const words = jieba
    .cutForSearch(normalised, true)
    .map((word) => word.trim())
    .map((word) => WORD_SYNONYMS[word] ?? word)
    .filter((word) => MEANINGFUL_WORD.test(word) && !STOP_WORDS.has(word) && !AMOUNT.test(word));
  const chars: string[] = [];
  const bigrams: string[] = [];
  // Character channels run over each stretch of Chinese, so pairs never span punctuation.
  for (const run of normalised.split(/[^\u3400-\u9fff]+/)) {
    for (let i = 0; i < run.length; i += 1) {
      if (!STOP_CHARS.has(run[i]!)) chars.push(run[i]!);
      if (i + 1 < run.length && HAN.test(run[i + 1]!)) {
        const pair = run.slice(i, i + 2);
        if (!(STOP_CHARS.has(pair[0]!) && STOP_CHARS.has(pair[1]!))) bigrams.push(pair);
      }
    }
  }
  return { words, bigrams, chars };
}
