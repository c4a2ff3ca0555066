import fc from 'fast-check';
import type { FeatureKey } from '../../shared/api/features';
import type { ToggleSettings } from '../../shared/api/feedback';
import { DEFAULT_TOGGLE, OPT_IN_FEATURES, bucketOf, evaluateToggles, inRollout, isFeatureOn, type ToggleSubject } from '../../shared/toggles/evaluate';

const ranger: ToggleSubject = { userId: 'u-ranger', branchId: 'songling-zhuangzhi', category: 'ranger', roles: ['member'] };
const office: ToggleSubject = { userId: 'u-office', branchId: 'xinlin-office', category: 'office', roles: ['member', 'secretary'] };
const settings = (overrides: Partial<Omit<ToggleSettings, 'targeting'>> & { targeting?: Partial<ToggleSettings['targeting']> }): ToggleSettings => ({
  ...DEFAULT_TOGGLE,
  ...overrides,
  targeting: { ...DEFAULT_TOGGLE.targeting, ...overrides.targeting },
});
const ids = Array.from({ length: 20_000 }, (_, index) => `m${index}`);

describe('toggle evaluation', () => {
  it('leaves every feature on for everyone when nothing is configured, except the opt-in display modes', () => {
    const states = Object.entries(evaluateToggles({}, ranger));
    expect(states.filter(([feature]) => !OPT_IN_FEATURES.has(feature as FeatureKey)).every(([, on]) => on)).toBe(true);
    expect(states.filter(([feature]) => OPT_IN_FEATURES.has(feature as FeatureKey)).map(([feature, on]) => [feature, on])).toEqual([['ui.large-text', false]]);
  });

  it('puts about the rolled-out share of members in, and each member always in the same bucket', () => {
    const inTen = ids.filter((id) => inRollout('signup.qr-checkin', id, 10)).length / ids.length;
    expect(inTen).toBeGreaterThan(0.09);
    expect(inTen).toBeLessThan(0.11);
    expect(bucketOf('dues', 'm42')).toBe(bucketOf('dues', 'm42'));
    expect(ids.every((id) => !inRollout('dues', id, 0) && inRollout('dues', id, 100))).toBe(true);
  });

  it('only ever adds members when a rollout is raised (sticky bucketing)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (userId, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return !inRollout('courses.push', userId, low) || inRollout('courses.push', userId, high);
      }),
    );
  });

  it('draws different members for different features at the same percentage', () => {
    const a = new Set(ids.filter((id) => inRollout('dues', id, 10)));
    const b = ids.filter((id) => inRollout('courses', id, 10));
    const overlap = b.filter((id) => a.has(id)).length / b.length;
    expect(overlap).toBeLessThan(0.2);
  });

  it('targets by branch, category and role, and exclusions win', () => {
    const byCategory = { dues: settings({ targeting: { categories: ['ranger'] } }) };
    expect(isFeatureOn('dues', byCategory, ranger)).toBe(true);
    expect(isFeatureOn('dues', byCategory, office)).toBe(false);
    const byBranch = { dues: settings({ targeting: { branches: ['xinlin-office'] } }) };
    expect([isFeatureOn('dues', byBranch, ranger), isFeatureOn('dues', byBranch, office)]).toEqual([false, true]);
    const byRole = { dues: settings({ targeting: { roles: ['secretary'] } }) };
    expect([isFeatureOn('dues', byRole, ranger), isFeatureOn('dues', byRole, office)]).toEqual([false, true]);
    const excluded = { dues: settings({ targeting: { categories: ['ranger', 'office'], excludedCategories: ['ranger'] } }) };
    expect([isFeatureOn('dues', excluded, ranger), isFeatureOn('dues', excluded, office)]).toEqual([false, true]);
    const excludedBranch = { dues: settings({ targeting: { excludedBranches: ['xinlin-office'] } }) };
    expect([isFeatureOn('dues', excludedBranch, ranger), isFeatureOn('dues', excludedBranch, office)]).toEqual([true, false]);
  });

  it('turns a feature off for everyone with the kill switch or the master switch, and its sub-features with it', () => {
    expect(isFeatureOn('suggestions', { suggestions: settings({ killSwitch: true }) }, ranger)).toBe(false);
    expect(isFeatureOn('suggestions.anonymous', { suggestions: settings({ enabled: false }) }, ranger)).toBe(false);
    expect(isFeatureOn('suggestions.anonymous', { 'suggestions.anonymous': settings({ killSwitch: true }) }, ranger)).toBe(false);
    expect(isFeatureOn('suggestions', { 'suggestions.anonymous': settings({ killSwitch: true }) }, ranger)).toBe(true);
  });

  it('judges a request without a member by the switches alone', () => {
    expect(isFeatureOn('dues.online-payment', { 'dues.online-payment': settings({ rolloutPercent: 0 }) }, undefined)).toBe(true);
    expect(isFeatureOn('dues.online-payment', { 'dues.online-payment': settings({ killSwitch: true }) }, undefined)).toBe(false);
  });
});
