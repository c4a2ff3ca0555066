import fc from 'fast-check';
import { Automaton } from '../../shared/moderation/automaton';
import { ModerationMatcher } from '../../shared/moderation/matcher';
import { normaliseWord } from '../../shared/moderation/normalize';
import type { Lexicon } from '../../shared/moderation/types';

const lexicon: Lexicon = {
  entries: [
    { word: '敏感词', level: 'block', categories: ['other'] },
    { word: '法轮功', level: 'block', categories: ['politics'] },
    { word: '64学潮', level: 'block', categories: ['politics'] },
    // Held alone (a known phrase): these tests are about matching, not about evidence and context.
    { word: 'AV', level: 'block', categories: ['porn'], alone: true },
    { word: '产党', level: 'review', categories: ['politics'] },
    { word: '赌球', level: 'review', categories: ['gambling'], alone: true },
    { word: '党', level: 'block', categories: ['politics'] },
  ],
  allow: ['共产党'],
};
const matcher = new ModerationMatcher(lexicon);
const found = (text: string) => matcher.check(text).hits.map((hit) => text.slice(hit.start, hit.end));

describe('normalisation before matching', () => {
  it.each([
    ['plain', '这是敏感词', '敏感词'],
    ['full-width and case', '看ＡＶ片', 'ＡＶ'],
    ['traditional characters', '練習法輪功', '法輪功'],
    ['symbols between characters', '敏*感#词', '敏*感#词'],
    ['spaces between characters', '敏 感 词', '敏 感 词'],
    ['zero-width characters between characters', '敏\u200b感\u200d词', '敏\u200b感\u200d词'],
    ['control characters between characters', '敏\u0007感\u0000词', '敏\u0007感\u0000词'],
    ['repeated characters', '敏敏敏感感词', '敏敏敏感感词'],
    ['circled numbers', '⑥④学潮', '⑥④学潮'],
    ['parenthesised and superscript numbers', '⑹⁴学潮', '⑹⁴学潮'],
    ['Chinese numerals', '六四学潮', '六四学潮'],
    ['full-width digits', '６４学潮', '６４学潮'],
  ])('finds a word written with %s, and maps it back to the original text', (_, text, span) => {
    expect(matcher.check(text).verdict).toBe('block');
    expect(found(text)).toContain(span);
  });

  it('normalises lexicon words the same way as text', () => {
    expect(normaliseWord('ＡＢＣ ①② 法輪功！！')).toBe('abc12法轮功');
    expect(normaliseWord('哈哈哈')).toBe('哈');
  });
});

describe('verdicts', () => {
  it('passes ordinary text and leaves one-character words out of the lexicon', () => {
    expect(matcher.check('党员同志们好')).toEqual({ verdict: 'pass', hits: [], categories: [] });
    expect(matcher.skippedWords).toEqual(['党']);
  });

  it('decides by the most severe level and names its categories only', () => {
    expect(matcher.check('有人赌球')).toMatchObject({ verdict: 'review', categories: ['gambling'] });
    const both = matcher.check('有人赌球还练法轮功');
    expect(both).toMatchObject({ verdict: 'block', categories: ['politics'] });
    expect(both.hits).toHaveLength(2);
  });

  it('ignores hits inside an allowed phrase, but not longer hits around it', () => {
    expect(matcher.check('中国共产党万岁').verdict).toBe('pass');
    expect(matcher.check('产党是什么').verdict).toBe('review');
    const around = new ModerationMatcher({ entries: [{ word: '打倒共产党', level: 'block', categories: ['politics'] }], allow: ['共产党'] });
    expect(around.check('打倒共产党').verdict).toBe('block');
  });

  it('matches English words only as whole words', () => {
    for (const text of ['java', 'have a view', 'avocado', 'NAV键', 'av1']) expect(matcher.check(text).verdict).toBe('pass');
    for (const text of ['AV', 'av女优', '看av', 'a.v', 'x-AV-y']) expect(matcher.check(text).verdict).toBe('block');
  });
});

describe('the automaton', () => {
  const naive = (patterns: string[], text: string) => {
    const hits: string[] = [];
    for (let end = 1; end <= text.length; end += 1) for (const p of patterns) if (end >= p.length && text.slice(end - p.length, end) === p) hits.push(`${end - p.length}:${p}`);
    return hits.sort();
  };

  it('finds exactly the occurrences a naive search finds, overlapping ones included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 60 }),
        (patterns, text) => {
          const automaton = Automaton.build(patterns);
          const hits: string[] = [];
          let state = 0;
          for (let i = 0; i < text.length; i += 1) {
            state = automaton.step(state, text.charCodeAt(i));
            for (let at = automaton.terminal[state]! >= 0 ? state : automaton.output[state]!; at !== 0; at = automaton.output[at]!) {
              const pattern = patterns[automaton.terminal[at]!]!;
              hits.push(`${i + 1 - pattern.length}:${pattern}`);
            }
          }
          expect(hits.sort()).toEqual(naive(patterns, text));
        },
      ),
    );
  });

  it('maps every hit back to the original span, whatever separators hide inside the word', () => {
    const word = '法轮功';
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('我', '们', '林', '场', '，', ' '), maxLength: 8 }),
        fc.array(fc.string({ unit: fc.constantFrom(' ', '*', '.', '\u200b', '-', '·'), maxLength: 3 }), { minLength: 2, maxLength: 2 }),
        fc.string({ unit: fc.constantFrom('好', '的', '。', ' '), maxLength: 8 }),
        (before, gaps, after) => {
          const written = `${word[0]}${gaps[0]}${word[1]}${gaps[1]}${word[2]}`;
          const text = `${before}${written}${after}`;
          const result = matcher.check(text);
          expect(result.verdict).toBe('block');
          const hit = result.hits.find((h) => normaliseWord(text.slice(h.start, h.end)) === '法轮功');
          expect(hit).toEqual(expect.objectContaining({ start: before.length, end: before.length + written.length }));
        },
      ),
    );
  });
});
