import { defaultLexicon } from '../../shared/moderation/default-lexicon';
import { ModerationMatcher } from '../../shared/moderation/matcher';
import { corpusRates, disguisedHarmful, ISSUE_EXAMPLES, ordinarySuggestions } from '../fixtures/moderation/corpus';

const matcher = new ModerationMatcher(defaultLexicon());

describe('the shipped lexicon on the field corpora', () => {
  it('has corpora of the required size: at least 200 ordinary suggestions, and disguised harmful texts', () => {
    expect(new Set(ordinarySuggestions()).size).toBeGreaterThanOrEqual(200);
    expect(disguisedHarmful().length).toBeGreaterThanOrEqual(30);
  });

  it('passes at least 98% of the ordinary suggestions untouched (no block, no review)', () => {
    const { ordinary } = corpusRates(matcher);
    expect(ordinary.rate).toBeGreaterThanOrEqual(0.98);
  });

  it('blocks or holds every disguised harmful text', () => {
    expect(corpusRates(matcher).harmful.missed).toEqual([]);
  });

  it.each(ISSUE_EXAMPLES)('passes the issue’s example %s in an ordinary sentence and beside a price', (word) => {
    expect(matcher.check(`建议支部讨论一下${word}的问题。`)).toMatchObject({ verdict: 'pass', hits: [] });
    expect(matcher.check(`${word}的价格和采购渠道希望公开。`)).toMatchObject({ verdict: 'pass', hits: [] });
  });

  it('still holds a lexicon word once it is offered for sale or hidden', () => {
    expect(matcher.check('出售仿真枪，加微信').verdict).not.toBe('pass');
    expect(matcher.check('仿 真 枪').verdict).not.toBe('pass');
    expect(matcher.check('仿真枪坏了').verdict).toBe('review');
  });
});
