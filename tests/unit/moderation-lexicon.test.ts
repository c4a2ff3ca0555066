import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { curate, isFragment, isOrdinaryPhrase, type CurationInputs } from '../../scripts/moderation/curate';
import { openccCharPairs } from '../../scripts/moderation/t2s-table';
import { defaultLexicon } from '../../shared/moderation/default-lexicon';
import t2sTable from '../../shared/moderation/lexicon/t2s-chars.json';
import { ModerationMatcher } from '../../shared/moderation/matcher';

const matcher = new ModerationMatcher(defaultLexicon());

/** The seed articles, their PDF line breaks joined, cut into sentences. */
function articleSentences(): string[] {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'shared', 'seed', 'articles-zh.txt'), 'utf8').replace(/\s*\n\s*/g, '');
  return text.split(/(?<=[。！？；])/).map((s) => s.trim()).filter(Boolean);
}

describe('the curated default lexicon', () => {
  it('lets every sentence of the party-building articles through: no block, no review, no hit at all', () => {
    const sentences = articleSentences();
    expect(sentences.length).toBeGreaterThan(60);
    const flagged = sentences.map((sentence) => ({ sentence, result: matcher.check(sentence) })).filter(({ result }) => result.hits.length > 0);
    expect(flagged.map(({ sentence, result }) => `${result.verdict}: ${result.hits.map((h) => sentence.slice(h.start, h.end)).join('/')}`)).toEqual([]);
  });

  it.each([
    '我们林场的骨干入党积极性很高，建议增加入党申请书的在线填写。',
    '学习习近平新时代中国特色社会主义思想的课程能否增加案例？',
    '坚持人民民主专政，坚持中国共产党的领导。',
    '建议开展远离毒品、拒绝赌博的警示教育。',
    '巡山的时候发现有人偷猎，建议加强野生动物保护宣传。',
    '加强党风廉政建设，坚决反对腐败，杜绝形式主义和官僚主义。',
    '小平房年久失修，护林员冬天住着很冷。',
    '今天下午3点在村医务室开会，讨论讨薪问题的解决办法。',
    '希望能在平台上查看全国两会精神的学习材料。',
    '建议把人大代表联系群众的渠道也接入平台。',
    '防火期禁止野外用火，农药要统一保管。',
  ])('passes ordinary suggestion text: %s', (text) => {
    expect(matcher.check(text)).toMatchObject({ verdict: 'pass', hits: [] });
  });

  it.each([
    ['出售冰毒，价格优惠', 'drugs'],
    ['法轮大法好', 'politics'],
    ['打倒共产党', 'politics'],
    ['你这个傻逼', 'abuse'],
    ['3棱军刺专卖', 'illegal'],
    ['法 輪 功', 'politics'],
    ['代开发票', 'fraud'],
  ])('blocks harmful text: %s', (text, category) => {
    const result = matcher.check(text);
    expect(result.verdict).toBe('block');
    expect(result.categories).toContain(category);
  });

  it('holds sensitive but not hostile political text for a reviewer', () => {
    expect(matcher.check('有人说中共腐败')).toMatchObject({ verdict: 'review', categories: ['politics'] });
  });

  it('ships OpenCC’s traditional → simplified table as opencc-js computes it', () => {
    expect(t2sTable.pairs).toBe(openccCharPairs().map(([t, s]) => t + s).join(''));
  });
});

describe('curation rules', () => {
  const dictionary = new Map([
    ['毒品', { freq: 566, pos: 'n' }],
    ['春药', { freq: 51, pos: 'n' }],
    ['张三丰', { freq: 300, pos: 'nr' }],
    ['个', { freq: 1000, pos: 'q' }],
    ['春秋', { freq: 300, pos: 'n' }],
    ['你', { freq: 1000, pos: 'r' }],
  ]);
  const inputs: CurationInputs = {
    domainVocabulary: ['共产党'],
    keepBlock: new Map([['傻逼', ['abuse']]]),
    hostileMarkers: ['打倒'],
    categoryMarkers: [['军刺', 'illegal']],
    strongCharacters: ['屄'],
    dictionary,
    segment: (phrase) => (phrase === '12个春秋' ? ['12', '个', '春秋'] : phrase === 'cao你' ? ['cao', '你'] : [phrase]),
  };
  const raw = {
    words: ['毒品', '春药', '张三丰', '共产党', '打倒共产党', '中共腐败', '军刺专卖', '干入', '嫩屄', '12个春秋', 'cao你', '吃春药'],
    tags: new Map([
      ['毒品', ['1']],
      ['春药', ['2']],
      ['张三丰', ['0']],
      ['共产党', ['0']],
      ['打倒共产党', ['0']],
      ['中共腐败', ['0']],
      ['军刺专卖', ['0']],
      ['干入', ['2']],
      ['嫩屄', ['2']],
    ]),
    allow: ['生日快乐'],
  };
  const { lexicon } = curate(raw, inputs);
  const entry = (word: string) => lexicon.entries.find((e) => e.word === word);

  it('drops everyday words, names, domain vocabulary and two-character fragments', () => {
    for (const word of ['毒品', '张三丰', '共产党', '干入', '12个春秋']) expect(entry(word)).toBeUndefined();
  });

  it('blocks hostile or clearly illegal words, holds sensitive ones, and keeps strong two-character words', () => {
    expect(entry('打倒共产党')).toMatchObject({ level: 'block', categories: ['politics'] });
    expect(entry('中共腐败')).toMatchObject({ level: 'review', categories: ['politics'] });
    expect(entry('军刺专卖')).toMatchObject({ level: 'block', categories: ['illegal'] });
    expect(entry('春药')).toMatchObject({ level: 'review', categories: ['porn'] });
    expect(entry('嫩屄')).toMatchObject({ level: 'block', categories: ['porn'] });
    expect(entry('傻逼')).toMatchObject({ level: 'block', categories: ['abuse'] });
  });

  it('gives untagged words the category of a curated word they contain, or review when they look like evasions', () => {
    expect(entry('cao你')).toMatchObject({ level: 'review', categories: ['other'] });
    expect(entry('吃春药')).toMatchObject({ level: 'review', categories: ['porn'] });
  });

  it('allows the source list’s allow-list and the domain vocabulary', () => {
    expect(lexicon.allow).toEqual(expect.arrayContaining(['生日快乐', '共产党']));
  });

  it('tells everyday phrases and fragments apart', () => {
    expect(isOrdinaryPhrase('12个春秋', inputs)).toBe(true);
    expect(isOrdinaryPhrase('cao你', inputs)).toBe(false);
    expect(isFragment('干入', '干入', inputs)).toBe(true);
    expect(isFragment('嫩屄', '嫩屄', inputs)).toBe(false);
    expect(isFragment('毒品', '毒品', inputs)).toBe(false);
  });
});
