import { brotliDecompressSync } from 'node:zlib';
import { readDataFile } from '../../../shared/runtime/data-file';

/**
 * jieba's dictionary as the segmenter needs it: `word frequency` lines (parts of speech dropped: only tagging
 * reads them, and cutting gives the same words without them), brotli-compressed, shipped in the course-push zip
 * (deployment.ts `dataFiles`). Written by `npx tsx scripts/course-push/build-jieba-dict.ts` from @node-rs/jieba's
 * dict.txt; a unit test checks it still matches the installed one.
 */
export const JIEBA_DICTIONARY_FILE = 'functions/course-push/recommender/jieba-dict.txt.br';

/** The dictionary's lines as jieba reads them from a dict.txt (`word frequency tag`). */
export function segmentationLines(dictTxt: string): string {
  return dictTxt
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(' ').slice(0, 2).join(' '))
    .join('\n');
}

export function jiebaDictionary(): Buffer {
  return brotliDecompressSync(readDataFile(JIEBA_DICTIONARY_FILE));
}
