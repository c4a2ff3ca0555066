import type { ModerationCategory, ModerationLevel } from '../../shared/moderation';
import { blockedMessage, compiledLexicon, currentEffectiveLexicon } from '../../shared/moderation';
import type { EffectiveEntry, EffectiveLexicon } from '../../shared/moderation/effective-lexicon';
import { commitLexiconEdit, lexiconAudit, type LexiconAuditRecord, type LexiconOverride } from '../../shared/moderation/lexicon-store';
import { normaliseWord } from '../../shared/moderation/normalize';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { logger } from '../../shared/runtime/logger';
import { decodeCursor, encodeCursor } from '../../shared/runtime/page-cursor';
import type { Caller } from '../../shared/runtime/session';

/**
 * Admins' edits of the lexicon and the allow-list. Each edit is a new version with an audit record
 * (who, when, before → after, why); every Lambda copy picks the version up within its cache TTL.
 */

const MAX_ATTEMPTS = 5;

function formOf(text: string, path: string, minLength: number): string {
  const form = normaliseWord(text);
  if (form.length < minLength) {
    throw badRequest([{ path, message: `去掉符号后至少要有 ${minLength} 个字` }], minLength > 1 ? '词语太短：单个字会误拦大量正常内容' : '内容里没有可匹配的文字');
  }
  return form;
}

/**
 * Applies an edit against the version in force, retrying when another admin's edit took that version
 * first. `plan` sees the current lexicon and returns the edit, or undefined when nothing would change.
 */
async function edit(
  caller: Caller,
  plan: (lexicon: EffectiveLexicon) => { override: Omit<LexiconOverride, 'version' | 'updatedAt'>; audit: Pick<LexiconAuditRecord, 'action' | 'text' | 'before' | 'after'> } | undefined,
  reason: string | undefined,
  now: Date,
): Promise<{ version: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const effective = await currentEffectiveLexicon();
    const change = plan(effective);
    if (!change) return { version: effective.version };
    const at = now.toISOString();
    try {
      const version = await commitLexiconEdit(
        effective.version,
        { ...change.override, updatedAt: at },
        { ...change.audit, actorId: caller.userId, actorName: caller.name, ...(reason ? { reason } : {}), at },
      );
      logger.info('lexicon edited', { version, action: change.audit.action, actor: caller.userId });
      return { version };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'LEXICON_VERSION_CONFLICT' || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
    }
  }
}

const levelOf = (entry: EffectiveEntry | undefined) => (entry ? { level: entry.level, categories: entry.categories } : null);

export function setWord(caller: Caller, input: { word: string; level: ModerationLevel; categories: ModerationCategory[]; reason?: string }, now = new Date()) {
  const form = formOf(input.word, 'body.word', 2);
  const categories = [...new Set(input.categories)].sort();
  return edit(
    caller,
    (lexicon) => {
      const before = lexicon.entries.get(form);
      if (before && before.level === input.level && [...before.categories].sort().join() === categories.join()) return undefined;
      return {
        override: { kind: 'word', form, text: input.word, state: 'active', level: input.level, categories },
        audit: { action: 'word-set', text: input.word, before: levelOf(before), after: { level: input.level, categories } },
      };
    },
    input.reason,
    now,
  );
}

export function removeWord(caller: Caller, word: string, now = new Date()) {
  const form = formOf(word, 'path.word', 1);
  return edit(
    caller,
    (lexicon) => {
      const before = lexicon.entries.get(form);
      if (!before) throw new AppError(404, 'LEXICON_ENTRY_NOT_FOUND');
      return { override: { kind: 'word', form, text: before.word, state: 'removed' }, audit: { action: 'word-removed', text: before.word, before: levelOf(before), after: null } };
    },
    undefined,
    now,
  );
}

export function allowPhrase(caller: Caller, input: { phrase: string; reason?: string }, now = new Date()) {
  const form = formOf(input.phrase, 'body.phrase', 1);
  return edit(
    caller,
    (lexicon) =>
      lexicon.allow.has(form)
        ? undefined
        : { override: { kind: 'allow', form, text: input.phrase, state: 'active' }, audit: { action: 'allow-added', text: input.phrase, before: null, after: null } },
    input.reason,
    now,
  );
}

export function disallowPhrase(caller: Caller, phrase: string, now = new Date()) {
  const form = formOf(phrase, 'path.phrase', 1);
  return edit(
    caller,
    (lexicon) => {
      const before = lexicon.allow.get(form);
      if (!before) throw new AppError(404, 'LEXICON_ENTRY_NOT_FOUND', '允许列表中没有这个短语');
      return { override: { kind: 'allow', form, text: before.phrase, state: 'removed' }, audit: { action: 'allow-removed', text: before.phrase, before: null, after: null } };
    },
    undefined,
    now,
  );
}

/** A page of the lexicon in force, searched by a fragment of the word (normalised like text is). */
export async function listLexicon(query: { q?: string; level?: ModerationLevel; category?: ModerationCategory; limit?: number; cursor?: string }) {
  const effective = await currentEffectiveLexicon();
  const fragment = query.q ? normaliseWord(query.q) : '';
  const matching = [...effective.entries.values()].filter(
    (entry) =>
      (!fragment || entry.form.includes(fragment)) && (!query.level || entry.level === query.level) && (!query.category || entry.categories.includes(query.category)),
  );
  const offset = Number(decodeCursor(query.cursor)?.offset ?? 0);
  const limit = query.limit ?? 50;
  const items = matching.slice(offset, offset + limit).map(({ word, level, categories, source }) => ({ word, level, categories, source }));
  const allow = [...effective.allow.values()].filter((phrase) => !fragment || phrase.form.includes(fragment)).map((phrase) => phrase.phrase);
  return {
    version: effective.version,
    total: matching.length,
    items,
    allow,
    ...(offset + limit < matching.length ? { nextCursor: encodeCursor({ offset: offset + limit }) } : {}),
  };
}

export async function lexiconHistory(query: { limit?: number; before?: number }) {
  return { items: await lexiconAudit(query.limit ?? 50, query.before) };
}

/** Runs a text through the lexicon in force: what a member would get, with the hits for the admin. */
export async function checkText(text: string) {
  const { effective, matcher } = await compiledLexicon({ fresh: true });
  const result = matcher.check(text);
  return { ...result, version: effective.version, ...(result.verdict === 'block' ? { message: blockedMessage(result.categories) } : {}) };
}
