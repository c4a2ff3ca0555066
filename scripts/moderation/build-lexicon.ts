/**
 * Regenerates the shipped moderation data from the third-party list beside the checkout:
 *   npx tsx scripts/moderation/build-lexicon.ts [path to ../shared/data/lexicon]
 * - shared/moderation/lexicon/default-lexicon.json: the curated default lexicon (rules: curate.ts and
 *   shared/moderation/lexicon/README.md; hand-kept inputs: scripts/moderation/curation/*.txt);
 * - shared/moderation/lexicon/t2s-chars.json: OpenCC's traditional → simplified character table.
 * Functions never read ../shared at run time: they import these files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { isModerationCategory, type ModerationCategory } from '../../shared/moderation/categories';
import { toLexiconFile } from '../../shared/moderation/lexicon-file';
import { curate, type DictionaryWord, type RawLexicon } from './curate';
import { openccCharPairs } from './t2s-table';

const root = join(__dirname, '..', '..');
const sourceDir = process.argv[2] ?? join(root, '..', 'shared', 'data', 'lexicon');
const curationDir = join(__dirname, 'curation');
const outputDir = join(root, 'shared', 'moderation', 'lexicon');

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);

function readRaw(): RawLexicon {
  const tags = new Map<string, string[]>();
  for (const line of lines(join(sourceDir, 'sensitive_word_tags.txt'))) {
    const [word, tagList] = line.split(/\s+/);
    if (word && tagList) tags.set(word, tagList.split(','));
  }
  return { words: lines(join(sourceDir, 'sensitive_word_dict.txt')), tags, allow: lines(join(sourceDir, 'sensitive_word_allow.txt')) };
}

function categoryList(text: string, where: string): ModerationCategory[] {
  const categories = text.split(',');
  for (const category of categories) if (!isModerationCategory(category)) throw new Error(`${where}: unknown category ${category}`);
  return categories as ModerationCategory[];
}

function readDictionary(): Map<string, DictionaryWord> {
  const dictionary = new Map<string, DictionaryWord>();
  for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
    const [word, freq, pos] = line.split(' ');
    if (word) dictionary.set(word.toLowerCase(), { freq: Number(freq), pos: pos ?? '' });
  }
  return dictionary;
}

function main(): void {
  const jieba = Jieba.withDict(dict);
  const keepBlock = new Map<string, ModerationCategory[]>();
  for (const line of lines(join(curationDir, 'keep-block.txt'))) {
    const [word, categories] = line.split('\t');
    keepBlock.set(word!, categoryList(categories ?? '', `keep-block.txt ${word}`));
  }
  const categoryMarkers = lines(join(curationDir, 'category-markers.txt')).map((line): [string, ModerationCategory] => {
    const [marker, category] = line.split('\t');
    return [marker!, categoryList(category ?? '', `category-markers.txt ${marker}`)[0]!];
  });
  const { lexicon, reasons } = curate(readRaw(), {
    domainVocabulary: lines(join(curationDir, 'domain-vocabulary.txt')),
    keepBlock,
    hostileMarkers: lines(join(curationDir, 'hostile-markers.txt')),
    categoryMarkers,
    strongCharacters: lines(join(curationDir, 'strong-characters.txt')),
    dictionary: readDictionary(),
    segment: (phrase) => jieba.cut(phrase, false),
  });
  const file = toLexiconFile(
    lexicon,
    'houbb/sensitive-word @ bac9a301 (Apache-2.0), ../shared/data/lexicon',
    'curated by scripts/moderation/build-lexicon.ts; rules in shared/moderation/lexicon/README.md',
  );
  writeFileSync(join(outputDir, 'default-lexicon.json'), `${JSON.stringify(file, null, 0)}\n`);
  const pairs = openccCharPairs();
  writeFileSync(
    join(outputDir, 't2s-chars.json'),
    `${JSON.stringify({ source: 'opencc-js tw→cn then hk→cn, one character at a time (scripts/moderation/build-lexicon.ts)', pairs: pairs.map(([t, s]) => t + s).join('') })}\n`,
  );
  const levels = { block: 0, review: 0 };
  for (const entry of lexicon.entries) levels[entry.level] += 1;
  console.log(JSON.stringify({ entries: lexicon.entries.length, ...levels, allow: lexicon.allow.length, t2sPairs: pairs.length, reasons }, null, 2));
}

main();
