/**
 * The moderation interface every piece of user text goes through (suggestions now, feedback comments,
 * activity comments later). Implemented by the suggestion box issue in shared/moderation/.
 */
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
}
