import { isModerationCategory, type ModerationCategory } from '../../shared/moderation/categories';
import { ModerationMatcher } from '../../shared/moderation/matcher';
import { normaliseWord } from '../../shared/moderation/normalize';
import type { Lexicon, LexiconEntry, ModerationLevel } from '../../shared/moderation/types';

/**
 * The rules that turn the generic third-party list into this platform's default lexicon. They are
 * written down in shared/moderation/lexicon/README.md; this is their one implementation.
 */

/** Tag numbers of the source list (see its README). */
const TAG_CATEGORIES: Record<string, ModerationCategory> = { '0': 'politics', '1': 'drugs', '2': 'porn', '3': 'gambling', '4': 'illegal' };

export interface RawLexicon {
  words: string[];
  /** Word → tag numbers ('0'–'4'); untagged words are absent. */
  tags: Map<string, string[]>;
  allow: string[];
}

export interface DictionaryWord {
  freq: number;
  pos: string;
}

export interface CurationInputs {
  /** Ordinary vocabulary: never an entry, always allowed. */
  domainVocabulary: string[];
  /** Words that stay blocked whatever the dictionary says, with their categories. */
  keepBlock: Map<string, ModerationCategory[]>;
  /** Markers that make a politics word hostile (block) rather than sensitive (review). */
  hostileMarkers: string[];
  /** Marker → category that replaces the source tag of every word containing the marker. */
  categoryMarkers: Array<[string, ModerationCategory]>;
  /** A general Chinese dictionary (jieba's) with word frequencies and parts of speech. */
  dictionary: Map<string, DictionaryWord>;
  /** Characters that mark a two-character non-word as vulgar rather than a fragment of two words. */
  strongCharacters: string[];
  /** Segments a phrase into dictionary words (jieba). */
  segment: (phrase: string) => string[];
}

/** Dictionary words this common are everyday language (毒品, 政府, 农药): a topic, not harmful speech. */
export const COMMON_WORD_FREQUENCY = 100;
/** Parts of speech of bare names (people, places, organisations): naming them is not harmful by itself. */
const NAME_POS = /^n[rst]/;

export type Decision = { keep: false; reason: string } | { keep: true; entry: LexiconEntry; reason: string };

const isNumber = (segment: string) => /^[0-9]+$/.test(segment);

/**
 * A two-character string that is not a word, without a strong character: in running text it is mostly
 * the end of one word and the start of the next ("骨干|入党" → "干入"), so it cannot be an entry.
 */
export function isFragment(word: string, form: string, inputs: Pick<CurationInputs, 'dictionary' | 'strongCharacters'>): boolean {
  return form.length === 2 && !inputs.dictionary.has(word) && !inputs.strongCharacters.some((char) => form.includes(char));
}

/**
 * An everyday phrase made of dictionary words and numbers ("12个春秋", "100到200不等"), as opposed to slang,
 * spam or evasions ("cao你", "法克鱿"): every segment is a dictionary word or a number, and words of two or
 * more characters and numbers cover most of it.
 */
export function isOrdinaryPhrase(word: string, inputs: Pick<CurationInputs, 'dictionary' | 'segment'>): boolean {
  const segments = inputs.segment(word);
  let covered = 0;
  for (const segment of segments) {
    if (isNumber(segment)) covered += segment.length;
    else if (!inputs.dictionary.has(segment)) return false;
    else if (segment.length >= 2) covered += segment.length;
  }
  return covered * 2 >= word.length;
}

function categoriesFor(word: string, tags: string[], inputs: CurationInputs): ModerationCategory[] {
  const replaced = inputs.categoryMarkers.filter(([marker]) => word.includes(marker)).map(([, category]) => category);
  if (replaced.length > 0) return [...new Set(replaced)];
  return [...new Set(tags.map((tag) => TAG_CATEGORIES[tag]).filter((c): c is ModerationCategory => c !== undefined))];
}

function levelFor(word: string, categories: ModerationCategory[], inputs: CurationInputs): ModerationLevel {
  if (categories.some((category) => category !== 'politics' && category !== 'other')) return 'block';
  if (categories.includes('politics') && inputs.hostileMarkers.some((marker) => word.includes(marker))) return 'block';
  return 'review';
}

/** Decides one tagged (or keep-listed) word. */
export function decideTagged(word: string, tags: string[], inputs: CurationInputs, vocabulary: Set<string>): Decision {
  const form = normaliseWord(word);
  const kept = inputs.keepBlock.get(word);
  if (kept) return { keep: true, entry: { word, level: 'block', categories: kept }, reason: 'keep-list' };
  if (form.length < 2) return { keep: false, reason: 'too short' };
  if (vocabulary.has(form)) return { keep: false, reason: 'domain vocabulary' };
  if (isFragment(word, form, inputs)) return { keep: false, reason: 'two-character fragment' };
  const known = inputs.dictionary.get(word);
  if (known && NAME_POS.test(known.pos)) return { keep: false, reason: 'a bare name' };
  if (known && known.freq >= COMMON_WORD_FREQUENCY) return { keep: false, reason: 'common word' };
  const categories = categoriesFor(word, tags, inputs);
  if (categories.length === 0) return { keep: false, reason: 'no category' };
  // A rarer dictionary word is real language that can be meant innocently: a human looks, nothing is blocked.
  const level = known ? 'review' : levelFor(word, categories, inputs);
  return { keep: true, entry: { word, level, categories }, reason: known ? 'dictionary word' : `tagged ${level}` };
}

/** Builds the curated lexicon: entries by the rules above, and the allow-list (source list's and ours). */
export function curate(raw: RawLexicon, inputs: CurationInputs): { lexicon: Lexicon; reasons: Record<string, number> } {
  const vocabulary = new Set(inputs.domainVocabulary.map(normaliseWord));
  const reasons: Record<string, number> = {};
  const count = (reason: string) => (reasons[reason] = (reasons[reason] ?? 0) + 1);
  const entries: LexiconEntry[] = [];
  const untagged: string[] = [];
  const seen = new Set<string>();
  for (const word of [...raw.words, ...inputs.keepBlock.keys()]) {
    if (seen.has(word)) continue;
    seen.add(word);
    const tags = raw.tags.get(word);
    if (!tags && !inputs.keepBlock.has(word)) {
      untagged.push(word);
      continue;
    }
    const decision = decideTagged(word, tags ?? [], inputs, vocabulary);
    count(decision.reason);
    if (decision.keep) entries.push(decision.entry);
  }

  // Untagged words carry no severity of their own: they take it from a curated word they contain, are
  // dropped when they are everyday language, and otherwise go to a human (review, category other).
  // Every curated word decides here (as if alone): containing a weapon word makes a phrase a weapon phrase.
  const tagged = new ModerationMatcher({ entries: entries.map((entry) => ({ ...entry, alone: true })), allow: [] });
  for (const word of untagged) {
    const form = normaliseWord(word);
    if (form.length < 2) {
      count('too short');
      continue;
    }
    if (vocabulary.has(form)) {
      count('domain vocabulary');
      continue;
    }
    if (isFragment(word, form, inputs)) {
      count('two-character fragment');
      continue;
    }
    const inner = tagged.check(word);
    if (inner.verdict !== 'pass') {
      const categories = inner.hits.flatMap((hit) => hit.categories).filter(isModerationCategory);
      const unique = [...new Set(categories)];
      // As severe as the word it contains: a held word inside makes a held phrase.
      entries.push({ word, level: inner.verdict, categories: unique });
      count(`untagged, inherits ${inner.verdict}`);
      continue;
    }
    const known = inputs.dictionary.get(word);
    if (known) {
      count('untagged dictionary word');
      continue;
    }
    if (isOrdinaryPhrase(word, inputs)) {
      count('untagged everyday phrase');
      continue;
    }
    entries.push({ word, level: 'review', categories: ['other'] });
    count('untagged review');
  }

  const allow = [...new Set([...raw.allow, ...inputs.domainVocabulary])].filter((phrase) => normaliseWord(phrase).length > 0);
  return { lexicon: { entries, allow }, reasons };
}
