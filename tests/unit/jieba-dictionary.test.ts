import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { jiebaDictionary, segmentationLines } from '../../shared/text/jieba';
import { SEED_COURSES } from '../../scripts/local/course-catalogue';

// The course-push zip ships a compact copy of jieba's dictionary instead of the package's 11 MB of text files.
const installed = readFileSync(require.resolve('@node-rs/jieba/dict.txt'));

describe('the course-push segmenter dictionary', () => {
  it('is the installed jieba dictionary (rebuild it with scripts/course-push/build-jieba-dict.ts after an upgrade)', () => {
    expect(jiebaDictionary().toString('utf8')).toBe(segmentationLines(installed.toString('utf8')));
  });

  it('cuts course texts into the same words as jieba with its full dictionary', () => {
    const compact = Jieba.withDict(jiebaDictionary());
    const full = Jieba.withDict(installed);
    const texts = SEED_COURSES.flatMap(([, title, summary]) => [title, summary]);
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect(compact.cut(text, true)).toEqual(full.cut(text, true));
  });
});
