/**
 * The moderation filter every piece of user text goes through (suggestions, feedback comments, …).
 *
 *   const result = await moderateText(text);           // the lexicon in force, cached per Lambda copy
 *   if (result.verdict === 'block') throw contentBlockedError(result);   // 422 CONTENT_BLOCKED
 *   if (result.verdict === 'review') …hold the text for a human reviewer…
 *
 * A function that calls moderateText adds MODERATION_ACCESS to its deployment (it reads the lexicon version and
 * the admins' edits) and MODERATION_DATA_FILES (the shipped lexicon and character table). ModerationMatcher is
 * the pure matcher for tests and tools.
 */
import { AppError } from '../runtime/app-error';
import { blockedMessage } from './categories';
import type { ModerationResult } from './types';

export type { Lexicon, LexiconEntry, ModerationHit, ModerationLevel, ModerationResult, ModerationVerdict } from './types';
export { MODERATION_CATEGORIES, MODERATION_CATEGORY_KEYS, blockedMessage, isModerationCategory, type ModerationCategory } from './categories';
export { moderateText, compiledLexicon, currentEffectiveLexicon, resetModerationCacheForTests, type ModerateOptions, type CompiledLexicon } from './service';
export { MODERATION_ACCESS, LEXICON_EDIT_ACCESS } from './lexicon-store';
export { MODERATION_DATA_FILES } from './data-files';
export { ModerationMatcher } from './matcher';
export { defaultLexicon } from './default-lexicon';
export { WechatMsgSecCheck, type SecondOpinion, type SecondOpinionVerdict } from './second-opinion';

/** The 422 a blocked text gets: says which kinds of content, never which words. */
export function contentBlockedError(result: Pick<ModerationResult, 'categories'>): AppError {
  return new AppError(422, 'CONTENT_BLOCKED', blockedMessage(result.categories));
}
