import { fromLexiconFile, type LexiconFile } from './lexicon-file';
import defaultFile from './lexicon/default-lexicon.json';
import type { Lexicon } from './types';

let lexicon: Lexicon | undefined;

/** The curated default lexicon shipped with the code (scripts/moderation/build-lexicon.ts writes it). */
export function defaultLexicon(): Lexicon {
  lexicon ??= fromLexiconFile(defaultFile as LexiconFile);
  return lexicon;
}
