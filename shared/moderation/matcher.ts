import { Automaton } from './automaton';
import { MODERATION_CATEGORY_KEYS, type ModerationCategory } from './categories';
import { EVIDENCE_CATEGORIES } from './field-rules';
import { charTable, EXPAND, isAsciiWordChar, isChineseNumeral, normaliseWord, SKIP } from './normalize';
import type { Lexicon, ModerationHit, ModerationLevel, ModerationResult } from './types';

const ALLOW = 0;
const REVIEW = 1;
const BLOCK = 2;
/** A single normalised character would match far too much ordinary text. */
const MIN_WORD_LENGTH = 2;
const LEVEL_RANK: Record<ModerationLevel, number> = { review: REVIEW, block: BLOCK };

/** Where a pattern came from: one normalised form can stand for several lexicon words (e.g. 法輪功 and 法轮功). */
interface PatternInfo {
  rank: number;
  categories: number;
  /** The pattern starts / ends with an ASCII letter or digit: it must not continue a longer word there. */
  wordStart: boolean;
  wordEnd: boolean;
  /** Holds by itself (a known harmful phrase, an admin's word). */
  alone: boolean;
}

/** A raw hit in normalised positions, before allow-list and word-boundary decisions. */
interface RawHit {
  pattern: number;
  normStart: number;
  normEnd: number;
  start: number;
  end: number;
}

const CATEGORY_BITS = new Map<ModerationCategory, number>(MODERATION_CATEGORY_KEYS.map((category, index) => [category, 1 << index]));
function categoryMask(categories: readonly ModerationCategory[]): number {
  let mask = 0;
  for (const category of categories) mask |= CATEGORY_BITS.get(category) ?? 0;
  return mask;
}
const EVIDENCE_MASK = categoryMask(EVIDENCE_CATEGORIES);
/** A word that is only evidence: all its categories are evidence categories and it does not hold alone. */
const isEvidence = (info: PatternInfo) => !info.alone && info.categories !== 0 && (info.categories & ~EVIDENCE_MASK) === 0;
const categoriesOf = (mask: number) => MODERATION_CATEGORY_KEYS.filter((_, index) => (mask & (1 << index)) !== 0);

/**
 * The lexicon compiled for matching: normalised words in one Aho–Corasick automaton, scanned over the
 * text in a single pass that normalises on the fly, collapses repeated characters, and keeps a small ring
 * of recent positions so every hit maps back to the original text. Built once per lexicon version.
 */
export class ModerationMatcher {
  private readonly automaton: Automaton;
  private readonly info: PatternInfo[];
  /** Patterns that are (also) allow-list phrases. */
  private readonly allowPattern: boolean[];
  /** Patterns that are (also) trading or solicitation words. */
  private readonly contextPattern: boolean[];
  private readonly ringMask: number;
  /** Words that normalise to too little to match safely (one character), left out of the automaton. */
  readonly skippedWords: string[] = [];
  readonly patternCount: number;

  /** `normalised`: the words are normalised forms already (a compiled lexicon keyed by form), not to be normalised again. */
  constructor(lexicon: Lexicon, options: { normalised?: boolean } = {}) {
    const normalise = options.normalised ? (word: string) => word : normaliseWord;
    const byForm = new Map<string, PatternInfo>();
    const add = (word: string, rank: number, categories: number, alone = false) => {
      const form = normalise(word);
      if (form.length < (rank === ALLOW ? 1 : MIN_WORD_LENGTH)) {
        if (rank !== ALLOW) this.skippedWords.push(word);
        return;
      }
      const existing = byForm.get(form);
      if (existing) {
        existing.rank = Math.max(existing.rank, rank);
        existing.categories |= categories;
        existing.alone ||= alone;
        return;
      }
      byForm.set(form, {
        rank,
        categories,
        wordStart: isAsciiWordChar(form.charCodeAt(0)),
        wordEnd: isAsciiWordChar(form.charCodeAt(form.length - 1)),
        alone,
      });
    };
    for (const entry of lexicon.entries) add(entry.word, LEVEL_RANK[entry.level], categoryMask(entry.categories), entry.alone === true);
    // Allow phrases are patterns too; a phrase that is also a lexicon word keeps its rank and still allows.
    const allowForms = new Set<string>();
    for (const phrase of lexicon.allow) {
      const form = normalise(phrase);
      if (form.length === 0) continue;
      allowForms.add(form);
      if (!byForm.has(form)) add(phrase, ALLOW, 0);
    }
    const contextForms = new Set<string>();
    for (const word of lexicon.context ?? []) {
      const form = normalise(word);
      if (form.length === 0) continue;
      contextForms.add(form);
      if (!byForm.has(form)) add(word, ALLOW, 0);
    }
    const forms = [...byForm.keys()];
    this.info = forms.map((form) => byForm.get(form)!);
    this.allowPattern = forms.map((form) => allowForms.has(form));
    this.contextPattern = forms.map((form) => contextForms.has(form));
    this.automaton = Automaton.build(forms);
    this.patternCount = forms.length;
    const longest = forms.reduce((max, form) => Math.max(max, form.length), 1);
    let ring = 1;
    while (ring < longest + 2) ring <<= 1;
    this.ringMask = ring - 1;
  }

  /**
   * Decides a text: `block` if any block-level hit holds, else `review` if a review-level hit holds, else `pass`.
   * A hit holds when it survives the allow-list (field vocabulary included) and its word is not mere evidence —
   * or, if it is (a weapon, illegal, drug, porn or gambling word), when the text has a trading or solicitation
   * context or the word was hidden by evasion. Only hits that hold are reported.
   */
  check(text: string): ModerationResult {
    const { hits, allowed, context } = this.scan(text);
    const kept = dropAllowed(hits, allowed).filter((hit) => context || !isEvidence(this.info[hit.pattern]!) || isEvaded(text, hit));
    let rank = 0;
    for (const hit of kept) rank = Math.max(rank, this.info[hit.pattern]!.rank);
    const decisive = kept.filter((hit) => this.info[hit.pattern]!.rank === rank);
    const categoryMask = decisive.reduce((mask, hit) => mask | this.info[hit.pattern]!.categories, 0);
    return {
      verdict: rank === BLOCK ? 'block' : rank === REVIEW ? 'review' : 'pass',
      hits: kept.map((hit): ModerationHit => {
        const info = this.info[hit.pattern]!;
        return { start: hit.start, end: hit.end, level: info.rank === BLOCK ? 'block' : 'review', categories: categoriesOf(info.categories) };
      }),
      categories: rank === 0 ? [] : categoriesOf(categoryMask),
    };
  }

  /** One pass over the text: lexicon hits and allow-list spans, in normalised and original positions. */
  scan(text: string): { hits: RawHit[]; allowed: RawHit[]; context: boolean } {
    const { map, expansions } = charTable();
    const automaton = this.automaton;
    const { terminal, output, depth } = automaton;
    const mask = this.ringMask;
    const ringStart = new Int32Array(mask + 1);
    const ringChar = new Uint16Array(mask + 1);
    const ringGap = new Uint8Array(mask + 1);
    const hits: RawHit[] = [];
    const allowed: RawHit[] = [];
    // Hits whose last character is the latest one read: a repeat of it stretches their end, and hits that
    // end inside an English word are dropped when the next character shows the word goes on.
    let tailFrom = 0;
    let allowedTailFrom = 0;
    let state = 0;
    let norm = -1;
    let last = -1;
    let gap = false;
    let context = false;

    const report = (pattern: number, at: number, endIndex: number) => {
      const length = depth[at]!;
      const normStart = norm - length + 1;
      const start = ringStart[normStart & mask]!;
      const hit: RawHit = { pattern, normStart, normEnd: norm, start, end: endIndex };
      if (this.allowPattern[pattern]) allowed.push(hit);
      if (this.contextPattern[pattern]) context = true;
      if (this.info[pattern]!.rank === ALLOW) return;
      if (this.info[pattern]!.wordStart && normStart > 0 && ringGap[normStart & mask] === 0 && isAsciiWordChar(ringChar[(normStart - 1) & mask]!)) return;
      hits.push(hit);
    };

    const read = (char: number, index: number, endIndex: number) => {
      if (char === last) {
        // A repeated character ("敏敏感") is read once; it widens hits that end on it.
        for (let k = tailFrom; k < hits.length; k += 1) hits[k]!.end = endIndex;
        for (let k = allowedTailFrom; k < allowed.length; k += 1) allowed[k]!.end = endIndex;
        return;
      }
      if (isAsciiWordChar(char) && !gap) {
        // The previous hits end mid-word ("av" in "java"): drop those that must end on a word boundary.
        for (let k = hits.length - 1; k >= tailFrom; k -= 1) if (this.info[hits[k]!.pattern]!.wordEnd) hits.splice(k, 1);
      }
      tailFrom = hits.length;
      allowedTailFrom = allowed.length;
      norm += 1;
      last = char;
      const slot = norm & mask;
      ringStart[slot] = index;
      ringChar[slot] = char;
      ringGap[slot] = gap ? 1 : 0;
      gap = false;
      state = automaton.step(state, char);
      let at = terminal[state]! >= 0 ? state : output[state]!;
      while (at !== 0) {
        report(terminal[at]!, at, endIndex);
        at = output[at]!;
      }
    };

    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      const char = map[code]!;
      if (char === SKIP) {
        gap = true;
        continue;
      }
      if (char !== EXPAND) {
        read(char, i, i + 1);
        continue;
      }
      const chars = expansions.get(code)!;
      for (let k = 0; k < chars.length; k += 1) read(chars.charCodeAt(k), i, i + 1);
    }
    return { hits, allowed, context };
  }
}

/**
 * The word was hidden: its span in the original text holds a separator (敏*感, 敏 感, a zero-width space), a
 * character normalisation changed — full-width, traditional, circled (ａｖ, 鴉片) — or a repeated character.
 * Upper case and Chinese numerals are how people write, not evasion.
 */
function isEvaded(text: string, hit: RawHit): boolean {
  const { map } = charTable();
  let read = 0;
  for (let i = hit.start; i < hit.end; i += 1) {
    const code = text.charCodeAt(i);
    const char = map[code]!;
    if (char === SKIP || char === EXPAND) return true;
    const caseFolded = code >= 0x41 && code <= 0x5a && char === code + 0x20;
    if (char !== code && !caseFolded && !isChineseNumeral(code)) return true;
    read += 1;
  }
  return read > hit.normEnd - hit.normStart + 1;
}

/** Drops hits that lie wholly inside an allowed phrase. */
function dropAllowed(hits: RawHit[], allowed: RawHit[]): RawHit[] {
  if (allowed.length === 0 || hits.length === 0) return hits;
  const spans = [...allowed].sort((a, b) => a.normStart - b.normStart);
  const ordered = [...hits].sort((a, b) => a.normStart - b.normStart);
  const kept = new Set<RawHit>();
  let next = 0;
  let reach = -1;
  for (const hit of ordered) {
    while (next < spans.length && spans[next]!.normStart <= hit.normStart) {
      reach = Math.max(reach, spans[next]!.normEnd);
      next += 1;
    }
    if (reach < hit.normEnd) kept.add(hit);
  }
  return hits.filter((hit) => kept.has(hit));
}
