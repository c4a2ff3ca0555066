import { readDataFile } from '../runtime/data-file';
import { FIELD_RULES_FILE, LEXICON_FILE } from './data-files';
import type { FieldRules } from './field-rules';
import { fromLexiconFile, type LexiconFile } from './lexicon-file';
import { normaliseWord } from './normalize';
import type { Lexicon, LexiconEntry } from './types';

let lexicon: Lexicon | undefined;

/** The generic curated lexicon joined with the field rules: field words allowed, known phrases alone, context words. */
export function withFieldRules(base: Lexicon, rules: FieldRules): Lexicon {
  const phrases = new Map(rules.phrases.map((phrase) => [normaliseWord(phrase.word), phrase]));
  const entries: LexiconEntry[] = base.entries.map((entry) => (phrases.has(normaliseWord(entry.word)) ? { ...entry, alone: true } : entry));
  const present = new Set(base.entries.map((entry) => normaliseWord(entry.word)));
  for (const [form, phrase] of phrases) {
    if (!present.has(form)) entries.push({ word: phrase.word, level: 'block', categories: phrase.categories, alone: true });
  }
  return { entries, allow: [...new Set([...base.allow, ...rules.field])], context: [...rules.context] };
}

/**
 * The curated default lexicon shipped with the code (scripts/moderation/build-lexicon.ts writes it) with the field
 * rules (build-field-rules.ts), read from their files on first use: a Lambda copy that never moderates text never
 * pays for it, and none pays at init.
 */
export function defaultLexicon(): Lexicon {
  lexicon ??= withFieldRules(
    fromLexiconFile(JSON.parse(readDataFile(LEXICON_FILE).toString('utf8')) as LexiconFile),
    JSON.parse(readDataFile(FIELD_RULES_FILE).toString('utf8')) as FieldRules,
  );
  return lexicon;
}
