import { alertId, baselineDays, bucketStart, evaluateWindow, windowBuckets } from '../../functions/suggestion-box/early-warning-rules';
import { csvCell, exportRow } from '../../functions/suggestion-box/export';
import type { StoredSuggestion } from '../../functions/suggestion-box/model';
import { combineResults } from '../../functions/suggestion-box/submission';
import { handledSuggestionView, mySuggestionView } from '../../functions/suggestion-box/views';
import { cleanText, submitSuggestionSchema } from '../../shared/api/suggestions';
import { blockedMessage } from '../../shared/moderation/categories';
import { combineWithSecondOpinion } from '../../shared/moderation/second-opinion';
import { loadConfig, suggestionAuthorKey } from '../../shared/runtime/config';

const rules = { windowMinutes: 60, threshold: 10, surgeMultiple: 3, minHits: 3, baselineDays: 7 };

describe('early-warning rule', () => {
  it('alerts at the threshold, whatever the baseline', () => {
    expect(evaluateWindow(10, 7 * 24 * 20, rules)).toMatchObject({ alert: true, reason: 'threshold' });
    expect(evaluateWindow(9, 7 * 24 * 20, rules).alert).toBe(false);
  });

  it('alerts on a surge over the baseline once there are enough hits', () => {
    // 48 hits a day over 7 days: 2 per hour.
    expect(evaluateWindow(5, 7 * 48, rules)).toEqual({ alert: false, baseline: 2 });
    expect(evaluateWindow(6, 7 * 48, rules)).toEqual({ alert: true, reason: 'surge', baseline: 2 });
    expect(evaluateWindow(2, 0, rules).alert).toBe(false);
    expect(evaluateWindow(3, 0, rules)).toMatchObject({ alert: true, reason: 'surge' });
  });

  it('slides the window over 10-minute buckets and takes the baseline from whole days before today', () => {
    const at = new Date('2026-05-01T08:47:12Z');
    expect(bucketStart(at)).toBe('2026-05-01T08:40:00.000Z');
    expect(windowBuckets(at, 60)).toEqual(['07:50', '08:00', '08:10', '08:20', '08:30', '08:40'].map((t) => `2026-05-01T${t}:00.000Z`));
    expect(baselineDays(at, 3)).toEqual(['2026-04-30', '2026-04-29', '2026-04-28']);
    expect(alertId('b1', 'drugs', at, 60)).toBe(alertId('b1', 'drugs', new Date('2026-05-01T08:01:00Z'), 60));
    expect(alertId('b1', 'drugs', at, 60)).not.toBe(alertId('b1', 'drugs', new Date('2026-05-01T09:01:00Z'), 60));
  });
});

describe('moderation outcome of a suggestion', () => {
  const pass = { verdict: 'pass' as const, hits: [], categories: [] };
  const review = { verdict: 'review' as const, hits: [{ start: 0, end: 2, level: 'review' as const, categories: ['politics'] }], categories: ['politics'] };
  const block = { verdict: 'block' as const, hits: [{ start: 1, end: 3, level: 'block' as const, categories: ['drugs'] }], categories: ['drugs'] };

  it('takes the stricter of title and content, with the categories behind it', () => {
    expect(combineResults(pass, pass).verdict).toBe('pass');
    expect(combineResults(review, pass)).toMatchObject({ verdict: 'review', categories: ['politics'] });
    expect(combineResults(review, block)).toMatchObject({ verdict: 'block', categories: ['drugs'] });
  });

  it('lets WeChat’s second opinion send a passing text to review, never block it or relax a verdict', () => {
    expect(combineWithSecondOpinion(pass, { verdict: 'risky', categories: ['ads'] })).toMatchObject({ verdict: 'review', categories: ['ads'], secondOpinion: 'risky' });
    expect(combineWithSecondOpinion(block, { verdict: 'pass', categories: [] })).toBe(block);
    expect(combineWithSecondOpinion(pass, undefined)).toBe(pass);
  });

  it('tells the member which kind of content was blocked, never the words', () => {
    expect(blockedMessage(['drugs', 'illegal'])).toBe('内容含有涉毒信息、违法犯罪信息，未能提交。请修改后再提交。');
  });
});

describe('suggestion text', () => {
  it('drops control and invisible characters, keeps line breaks', () => {
    expect(cleanText(' 护林\u0000站\u200b网络\r\n太差\u202e ')).toBe('护林站网络\n太差');
  });

  it('validates a submission with Chinese messages', () => {
    const result = submitSuggestionSchema.safeParse({ title: '标题', content: '\u200b\u200b', category: 'work', clientRequestId: 'abcdefgh' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/内容至少 5 个字/);
  });
});

describe('views of an anonymous suggestion', () => {
  const stored: StoredSuggestion = {
    id: 's1',
    title: '标题',
    content: '=HYPERLINK("http://x")',
    category: 'life',
    anonymous: true,
    ownerHash: 'owner-hash-value',
    branchId: 'b1',
    status: 'replied',
    moderation: { verdict: 'pass', categories: [], titleHits: [], contentHits: [] },
    reply: { text: '已办理', byId: 'demo-secretary', byName: '张书记', at: '2026-05-01T00:00:00.000Z' },
    createdAt: '2026-05-01T00:00:00.000Z',
    updatedAt: '2026-05-01T00:00:00.000Z',
  };

  it('shows no author to handlers, in the export either, and the owner hash to nobody', () => {
    expect(handledSuggestionView(stored, '支部').author).toEqual({ anonymous: true });
    expect(JSON.stringify(handledSuggestionView(stored, '支部'))).not.toContain('owner-hash-value');
    expect(JSON.stringify(mySuggestionView(stored))).not.toContain('owner-hash-value');
    expect(exportRow(stored, '支部')[5]).toBe('匿名');
  });

  it('exports text so that a spreadsheet never runs it as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('普通文本')).toBe('"普通文本"');
  });
});

describe('the author key', () => {
  it('uses the local default only on the local stage', () => {
    expect(suggestionAuthorKey(loadConfig({ STAGE: 'local' }))).toMatch(/local-dev/);
    expect(() => suggestionAuthorKey(loadConfig({ STAGE: 'prod', JWT_SECRET: 'x'.repeat(40) }))).toThrow(/SUGGESTION_AUTHOR_KEY/);
    expect(suggestionAuthorKey(loadConfig({ STAGE: 'prod', JWT_SECRET: 'x'.repeat(40), SUGGESTION_AUTHOR_KEY: 'k'.repeat(40) }))).toBe('k'.repeat(40));
    expect(() => loadConfig({ SUGGESTION_AUTHOR_KEY: 'short' })).toThrow(/32/);
  });
});
