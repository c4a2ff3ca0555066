import { readDataFile } from '../runtime/data-file';
import { LEXICON_FILE } from './data-files';
import { fromLexiconFile, type LexiconFile } from './lexicon-file';
import type { Lexicon } from './types';

let lexicon: Lexicon | undefined;

/**
 * The curated default lexicon shipped with the code (scripts/moderation/build-lexicon.ts writes it), read from its
 * file on first use: a Lambda copy that never moderates text never pays for it, and none pays at init.
 */
export function defaultLexicon(): Lexicon {
  lexicon ??= fromLexiconFile(JSON.parse(readDataFile(LEXICON_FILE).toString('utf8')) as LexiconFile);
  return lexicon;
}
