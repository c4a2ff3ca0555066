/**
 * The moderation interface every piece of user text goes through (suggestions now, feedback comments,
 * activity comments later). Implemented in shared/moderation/ (entry point: index.ts).
 */
import type { ModerationCategory } from './categories';

export type ModerationLevel = 'block' | 'review';
export type ModerationVerdict = 'pass' | 'review' | 'block';

export interface ModerationHit {
  /** Position in the original (un-normalised) text, UTF-16 code units, end exclusive. */
  start: number;
  end: number;
  level: ModerationLevel;
  categories: string[];
}

export interface ModerationResult {
  verdict: ModerationVerdict;
  hits: ModerationHit[];
  /** Categories of the hits that decided the verdict, for the member-facing message (never the words). */
  categories: string[];
  /** Set when the text went to review because the second opinion (WeChat msgSecCheck) asked for it. */
  secondOpinion?: 'review' | 'risky';
}

/** One word of the lexicon: how severe a hit is and what kind of content it signals. */
export interface LexiconEntry {
  word: string;
  level: ModerationLevel;
  categories: ModerationCategory[];
  /**
   * The word holds by itself (a known harmful phrase, or a word an admin set). Otherwise a word of an evidence
   * category (see field-rules.ts) holds only with a trading context in the text or when hidden by evasion.
   */
  alone?: boolean;
}

/**
 * Everything a matcher is built from: entries, the allow-list of phrases inside which hits are ignored, and the
 * trading / solicitation words that make an evidence word hold.
 */
export interface Lexicon {
  entries: LexiconEntry[];
  allow: string[];
  context?: string[];
}
