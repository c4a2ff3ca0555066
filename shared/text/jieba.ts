import type { Jieba } from '@node-rs/jieba';
import { brotliDecompressSync } from 'node:zlib';
import { readDataFile } from '../runtime/data-file';

/**
 * jieba's dictionary as the segmenter needs it: `word frequency` lines (parts of speech dropped: only tagging
 * reads them, and cutting gives the same words without them), brotli-compressed, shipped in the zip of every
 * function that segments Chinese (its deployment.ts `dataFiles`). Written by
 * `npx tsx scripts/course-push/build-jieba-dict.ts` from @node-rs/jieba's dict.txt; a unit test checks it still
 * matches the installed one.
 */
export const JIEBA_DICTIONARY_FILE = 'shared/text/jieba-dict.txt.br';

/** jieba is a native module: a function that segments ships it beside its bundle (deployment.ts `nativeModules`). */
export const JIEBA_NATIVE_MODULE = '@node-rs/jieba';

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

let jieba: Promise<Jieba> | undefined;

/** The segmenter of this process, loaded with the shipped dictionary on first use (about a second, once). */
export function jiebaSegmenter(): Promise<Jieba> {
  jieba ??= (async () => {
    const { Jieba } = await import('@node-rs/jieba');
    return Jieba.withDict(jiebaDictionary());
  })();
  return jieba;
}
