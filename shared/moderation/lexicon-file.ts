import { isModerationCategory, type ModerationCategory } from './categories';
import type { Lexicon, LexiconEntry, ModerationLevel } from './types';

/**
 * The shipped lexicon's file format (lexicon/default-lexicon.json): words grouped by level and by their
 * comma-joined categories, so the file stays compact and diffs read well.
 */
export interface LexiconFile {
  source: string;
  rules: string;
  block: Record<string, string[]>;
  review: Record<string, string[]>;
  allow: string[];
}

export function toLexiconFile(lexicon: Lexicon, source: string, rules: string): LexiconFile {
  const file: LexiconFile = { source, rules, block: {}, review: {}, allow: [...lexicon.allow].sort() };
  for (const entry of [...lexicon.entries].sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))) {
    const group = [...entry.categories].sort().join(',');
    (file[entry.level][group] ??= []).push(entry.word);
  }
  return file;
}

export function fromLexiconFile(file: Pick<LexiconFile, 'block' | 'review' | 'allow'>): Lexicon {
  const entries: LexiconEntry[] = [];
  for (const level of ['block', 'review'] as const satisfies readonly ModerationLevel[]) {
    for (const [group, words] of Object.entries(file[level])) {
      const categories = group.split(',').filter(isModerationCategory) as ModerationCategory[];
      for (const word of words) entries.push({ word, level, categories });
    }
  }
  return { entries, allow: [...file.allow] };
}
