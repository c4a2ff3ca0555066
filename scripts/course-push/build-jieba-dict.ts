/**
 * Writes the segmenter's dictionary (shared/text/jieba-dict.txt.br, read by course-push and the assistant) from the
 * installed @node-rs/jieba's dict.txt: parts of speech dropped, brotli at its best (it fits the zip under 3 MB).
 * Run after upgrading @node-rs/jieba; the unit test tests/unit/jieba-dictionary.test.ts says when it is due.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { JIEBA_DICTIONARY_FILE, segmentationLines } from '../../shared/text/jieba';
import { ROOT } from '../local/h5-build';

const lines = Buffer.from(segmentationLines(readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8')));
const compressed = brotliCompressSync(lines, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
    [constants.BROTLI_PARAM_SIZE_HINT]: lines.length,
  },
});
writeFileSync(join(ROOT, JIEBA_DICTIONARY_FILE), compressed);
console.log(`${JIEBA_DICTIONARY_FILE}: ${lines.length} bytes of lines, ${compressed.length} compressed`);
