import { config } from '../runtime/config';
import { logger } from '../runtime/logger';
import { defaultLexicon } from './default-lexicon';
import { effectiveLexicon, lexiconOf, type EffectiveLexicon } from './effective-lexicon';
import { lexiconOverrides, lexiconVersion } from './lexicon-store';
import { ModerationMatcher } from './matcher';
import { combineWithSecondOpinion, secondOpinionFromConfig, type SecondOpinion } from './second-opinion';
import type { ModerationResult } from './types';

/** A lexicon version compiled for matching, as one Lambda copy holds it. */
export interface CompiledLexicon {
  effective: EffectiveLexicon;
  matcher: ModerationMatcher;
}

let current: (CompiledLexicon & { checkedAt: number }) | undefined;
let refreshing: Promise<void> | undefined;

const effectiveAt = async (version: number) => effectiveLexicon(defaultLexicon(), await lexiconOverrides(), version);

/** The lexicon in force now, read from the table (no matcher is built): for admin screens and edits. */
export async function currentEffectiveLexicon(): Promise<EffectiveLexicon> {
  return effectiveAt(await lexiconVersion());
}

async function compile(version: number): Promise<CompiledLexicon> {
  const effective = await effectiveAt(version);
  return { effective, matcher: new ModerationMatcher(lexiconOf(effective), { normalised: true }) };
}

async function refresh(): Promise<void> {
  const checkedAt = Date.now();
  try {
    const version = await lexiconVersion();
    if (current && current.effective.version === version) {
      current.checkedAt = checkedAt;
      return;
    }
    current = { ...(await compile(version)), checkedAt };
    logger.info('lexicon compiled', { version, patterns: current.matcher.patternCount, ms: Date.now() - checkedAt });
  } catch (error) {
    if (!current) throw error;
    // The lexicon table is unreachable: keep the version we have and look again after the TTL.
    current.checkedAt = checkedAt;
    logger.warn('lexicon refresh failed', { reason: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * The compiled lexicon of this Lambda copy. The first call compiles it; afterwards it is checked for a newer
 * version at most once per MODERATION_CACHE_TTL_SECONDS, and while a newer version compiles, callers keep
 * getting the one in hand — a new version is in force within the TTL plus one compile.
 * `fresh` (admin screens, right after an edit) waits for the version check instead.
 */
export async function compiledLexicon(options: { fresh?: boolean } = {}): Promise<CompiledLexicon> {
  if (options.fresh) {
    // A check already under way may have read the version before the caller's own edit: start a new one.
    await refreshing?.catch(() => undefined);
    refreshing = refresh().finally(() => (refreshing = undefined));
    await refreshing;
    return current!;
  }
  if (!current) {
    refreshing ??= refresh().finally(() => (refreshing = undefined));
    await refreshing;
    return current!;
  }
  if (!refreshing && Date.now() - current.checkedAt >= config().MODERATION_CACHE_TTL_SECONDS * 1000) {
    refreshing = refresh().finally(() => (refreshing = undefined));
  }
  return current;
}

export function resetModerationCacheForTests(): void {
  current = undefined;
  refreshing = undefined;
}

export interface ModerateOptions {
  /** The author's WeChat openid: msgSecCheck (when enabled) can only judge text of a known WeChat user. */
  openid?: string;
  /** Replaces the configured second opinion (tests, or a caller with its own). */
  secondOpinion?: SecondOpinion;
}

/**
 * Decides a piece of user text with the platform's filter (the lexicon in force), and, when enabled and
 * the author has a WeChat openid, WeChat msgSecCheck as a second opinion that can only make it stricter.
 */
export async function moderateText(text: string, options: ModerateOptions = {}): Promise<ModerationResult> {
  const { matcher } = await compiledLexicon();
  const own = matcher.check(text);
  const second = options.secondOpinion ?? secondOpinionFromConfig();
  if (own.verdict === 'block' || !second || !options.openid) return own;
  return combineWithSecondOpinion(own, await second.check(text, options.openid));
}
