import { anonymousActTime, hourStart, rateCounterExpiry } from '../../functions/suggestion-box/anonymous-time';
import { submitSuggestionSchema, anonymousLookupSchema } from '../../shared/api/suggestions';

const SECRET = 'a'.repeat(43);
const body = { title: '标题', content: '五个字以上的内容', category: 'work', clientRequestId: 'abcdefgh' };

describe('times of an anonymous author’s acts', () => {
  it('are the start of the UTC hour, never the moment', () => {
    expect(anonymousActTime(new Date('2026-05-01T09:47:13.456Z'))).toBe('2026-05-01T09:00:00.000Z');
    expect(hourStart(new Date('2026-05-01T09:00:00.000Z')).toISOString()).toBe('2026-05-01T09:00:00.000Z');
  });

  it('come just after the last recorded change when that is later in the same hour, so the history keeps its order', () => {
    expect(anonymousActTime(new Date('2026-05-01T09:47:13.456Z'), '2026-05-01T09:30:00.000Z')).toBe('2026-05-01T09:30:00.001Z');
    expect(anonymousActTime(new Date('2026-05-01T10:05:00.000Z'), '2026-05-01T09:30:00.000Z')).toBe('2026-05-01T10:00:00.000Z');
  });

  it('let a rate counter expire an hour after its window, on the hour', () => {
    expect(rateCounterExpiry(new Date('2026-05-01T09:47:13.456Z'))).toBe(Date.parse('2026-05-01T11:00:00.000Z') / 1000);
  });
});

describe('the contract of anonymous submissions', () => {
  it('requires the secret for an anonymous suggestion and refuses it on a named one, in Chinese', () => {
    const missing = submitSuggestionSchema.safeParse({ ...body, anonymous: true });
    expect(missing.success).toBe(false);
    expect(JSON.stringify(missing.error?.issues)).toMatch(/凭据/);
    expect(submitSuggestionSchema.safeParse({ ...body, anonymous: true, ownerSecret: SECRET }).success).toBe(true);
    expect(submitSuggestionSchema.safeParse({ ...body, anonymous: false, ownerSecret: SECRET }).success).toBe(false);
    expect(submitSuggestionSchema.safeParse({ ...body, anonymous: true, ownerSecret: 'too-short' }).success).toBe(false);
  });

  it('looks up at most 100 secrets at a time', () => {
    expect(anonymousLookupSchema.safeParse({ ownerSecrets: Array(100).fill(SECRET) }).success).toBe(true);
    expect(anonymousLookupSchema.safeParse({ ownerSecrets: Array(101).fill(SECRET) }).success).toBe(false);
    expect(anonymousLookupSchema.safeParse({ ownerSecrets: [] }).success).toBe(false);
  });
});
