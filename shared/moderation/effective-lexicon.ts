import type { ModerationCategory } from './categories';
import type { LexiconOverride } from './lexicon-store';
import { normaliseWord } from './normalize';
import type { Lexicon, ModerationLevel } from './types';

/** One word as it is in force: the shipped default, or an admin's edit of it. */
export interface EffectiveEntry {
  form: string;
  word: string;
  level: ModerationLevel;
  categories: ModerationCategory[];
  /** Holds by itself: a known harmful phrase of the default, or any word an admin set. */
  alone: boolean;
  source: 'default' | 'edited';
}

export interface EffectivePhrase {
  form: string;
  phrase: string;
  source: 'default' | 'edited';
}

/** The lexicon in force at one version, keyed by normalised form (so 法輪功 and 法轮功 are one entry). */
export interface EffectiveLexicon {
  version: number;
  entries: Map<string, EffectiveEntry>;
  allow: Map<string, EffectivePhrase>;
  /** Trading and solicitation words (not editable: they only ever make the filter stricter). */
  context: string[];
}

const LEVEL_ORDER: Record<ModerationLevel, number> = { review: 1, block: 2 };

/** The shipped default keyed by form, computed once per base lexicon (normalising 50,000 words takes a while). */
const baseForms = new WeakMap<Lexicon, { entries: Map<string, EffectiveEntry>; allow: Map<string, EffectivePhrase> }>();

function formsOf(base: Lexicon) {
  const known = baseForms.get(base);
  if (known) return known;
  const entries = new Map<string, EffectiveEntry>();
  for (const entry of base.entries) {
    const form = normaliseWord(entry.word);
    if (form.length === 0) continue;
    const existing = entries.get(form);
    if (!existing) {
      entries.set(form, { form, word: entry.word, level: entry.level, categories: [...entry.categories], alone: entry.alone === true, source: 'default' });
      continue;
    }
    if (LEVEL_ORDER[entry.level] > LEVEL_ORDER[existing.level]) existing.level = entry.level;
    existing.categories = [...new Set([...existing.categories, ...entry.categories])];
    existing.alone ||= entry.alone === true;
  }
  const allow = new Map<string, EffectivePhrase>();
  for (const phrase of base.allow) {
    const form = normaliseWord(phrase);
    if (form.length > 0 && !allow.has(form)) allow.set(form, { form, phrase, source: 'default' });
  }
  const forms = { entries, allow };
  baseForms.set(base, forms);
  return forms;
}

/** Applies the admins' edits to the shipped default (which is left untouched). */
export function effectiveLexicon(base: Lexicon, overrides: readonly LexiconOverride[], version: number): EffectiveLexicon {
  const forms = formsOf(base);
  const entries = new Map(forms.entries);
  const allow = new Map(forms.allow);
  for (const override of overrides) {
    if (override.kind === 'word') {
      if (override.state === 'removed') entries.delete(override.form);
      else if (override.level && override.categories) {
        // An admin who sets a word means it: it holds by itself, context or not.
        entries.set(override.form, { form: override.form, word: override.text, level: override.level, categories: override.categories, alone: true, source: 'edited' });
      }
    } else if (override.state === 'removed') allow.delete(override.form);
    else allow.set(override.form, { form: override.form, phrase: override.text, source: 'edited' });
  }
  return { version, entries, allow, context: base.context ?? [] };
}

/** The matcher's input for an effective lexicon: its normalised forms (build it with `{ normalised: true }`). */
export function lexiconOf(effective: EffectiveLexicon): Lexicon {
  return {
    entries: [...effective.entries.values()].map(({ form, level, categories, alone }) => ({ word: form, level, categories, ...(alone ? { alone } : {}) })),
    allow: [...effective.allow.keys()],
    context: effective.context.map(normaliseWord),
  };
}
