import type { Rule, RuleInput, ToggleState } from '../../shared/api/feedback';
import { DEFAULT_TOGGLE } from '../../shared/toggles/evaluate';
import { describeAction, hiddenAfter, toggleAfter } from '../../functions/feedback/rule-actions';
import { evaluateRule, featuresOf, outcomeOf, proposalId, ruleProblems, windowBounds, type Row } from '../../functions/feedback/rule-engine';
import { transactWithRetry } from '../../functions/feedback/transact';

const now = new Date('2026-05-10T03:30:00Z');
const rule = (overrides: Partial<RuleInput>): Rule => ({
  id: 'r1',
  name: '测试规则',
  feature: 'signup.qr-checkin',
  metric: 'avg-rating',
  comparator: '<',
  threshold: 3,
  window: { unit: 'day', size: 7 },
  minSample: 20,
  groupBy: 'category',
  action: { type: 'disable' },
  enabled: true,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  ...overrides,
});
const toggle = (overrides: Partial<ToggleState> = {}): ToggleState => ({ feature: 'signup.qr-checkin', ...DEFAULT_TOGGLE, rolloutPercent: 10, version: 3, ...overrides });
const ratings = (category: string, count: number, sum: number, branchId = 'b1'): Row => ({ category, branchId, counters: { 'ratings.count': count, 'ratings.sum': sum } });
const usage = (category: string, opened: number, error = 0): Row => ({ category, counters: { 'usage.opened': opened, 'usage.error': error } });
/** An hour of a category as members sent it: events, and the distinct members behind them. */
const members = (category: string, opened: number, errored: number, events = { opened, error: errored }): Row => ({
  category,
  counters: { 'usage.opened': events.opened, 'usage.error': events.error, 'members.opened': opened, 'members.error': errored },
});
const serverRow = (errors: number): Row => ({ counters: { 'server.error': errors } });

describe('rule problems', () => {
  it('accepts the rules the issue names', () => {
    expect(ruleProblems(rule({}))).toEqual([]);
    expect(ruleProblems(rule({ metric: 'error-rate', comparator: '>', threshold: 5, window: { unit: 'hour', size: 1 }, groupBy: 'all', action: { type: 'pause' } }))).toEqual([]);
    expect(ruleProblems(rule({ feature: 'courses', metric: 'opens', comparator: '<=', threshold: 0, window: { unit: 'day', size: 30 }, action: { type: 'hide-from-home' } }))).toEqual([]);
  });

  it('refuses combinations that cannot be evaluated, naming the field', () => {
    const paths = (input: Partial<RuleInput>) => ruleProblems(rule(input)).map((p) => p.path);
    expect(paths({ window: { unit: 'hour', size: 72 } })).toEqual(['body.window.size']);
    expect(paths({ window: { unit: 'hour', size: 1 }, groupBy: 'branch' })).toEqual(['body.groupBy']);
    expect(paths({ action: { type: 'pause' } })).toEqual(['body.groupBy']);
    expect(paths({ metric: 'error-rate', threshold: 5, groupBy: 'all', action: { type: 'pause' }, minSample: 1 })).toEqual(['body.minSample']);
    expect(paths({ action: { type: 'hide-from-home' }, feature: 'suggestions.anonymous' })).toEqual(['body.feature']);
    expect(paths({ metric: 'error-rate', threshold: 120 })).toEqual(['body.threshold']);
    expect(paths({ threshold: 7 })).toEqual(['body.threshold']);
  });
});

describe('evaluating a rule', () => {
  const bounds = windowBounds({ unit: 'day', size: 7 }, 'category', now);

  it('covers today and the six days before in Shanghai time, or whole UTC hours', () => {
    expect(bounds).toEqual({ grain: 'day-category', from: '2026-05-04', to: '2026-05-10' });
    expect(windowBounds({ unit: 'hour', size: 1 }, 'all', now)).toEqual({ grain: 'hour-category', from: '2026-05-10T02', to: '2026-05-10T03' });
    expect(windowBounds({ unit: 'day', size: 7 }, 'branch', now).grain).toBe('day-branch');
  });

  it('finds the group whose average crosses the threshold, with the evidence', () => {
    const rows = [ratings('ranger', 12, 20), ratings('ranger', 10, 18), ratings('office', 30, 140)];
    const findings = evaluateRule(rule({}), 'signup.qr-checkin', { rows, activity: [], rolloutPercent: 10, bounds }, now);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.group).toEqual({ kind: 'category', value: 'ranger' });
    expect(findings[0]!.evidence).toMatchObject({ metric: 'avg-rating', value: 1.73, sample: 22, minSample: 20, threshold: 3, rolloutPercent: 10, window: { from: '2026-05-04', to: '2026-05-10' } });
  });

  it('does nothing below the minimum sample however bad the numbers', () => {
    const rows = [ratings('ranger', 19, 19)];
    expect(evaluateRule(rule({}), 'signup.qr-checkin', { rows, activity: [], rolloutPercent: 10, bounds }, now)).toEqual([]);
  });

  it('calls a feature unused by a category only when that category is otherwise active', () => {
    const unused = rule({ feature: 'courses', metric: 'opens', comparator: '<=', threshold: 0, minSample: 30, window: { unit: 'day', size: 30 }, action: { type: 'hide-from-home' } });
    const activity = [usage('retiree', 40), usage('ranger', 10), usage('office', 50)];
    const rows = [usage('office', 5)];
    const groups = evaluateRule(unused, 'courses', { rows, activity, rolloutPercent: 100, bounds }, now).map((f) => f.group.value);
    expect(groups).toEqual(['retiree']);
  });

  it('computes the error rate over distinct members, not events', () => {
    const guard = rule({ metric: 'error-rate', comparator: '>', threshold: 5, minSample: 50, groupBy: 'all', action: { type: 'pause' } });
    // 4 of 60 members met errors, one of them 40 times.
    const rows = [members('ranger', 40, 4, { opened: 400, error: 43 }), members('office', 20, 0), serverRow(5)];
    const finding = evaluateRule(guard, 'dues', { rows, activity: [], rolloutPercent: 100, bounds }, now);
    expect(finding[0]!.evidence).toMatchObject({ value: 6.7, sample: 60, members: 60, errorMembers: 4, serverErrors: 5, basis: 'server-errors' });
    expect(finding[0]!.evidence.reason).toBe('近 7 天有 60 名党员打开「党费」，其中 4 名遇到错误（6.7%，阈值 > 5%，至少 50 名党员）；服务器同时记录到 5 次错误，已自动暂停。');
  });

  it('does not let one member’s flood of events reach a guardrail', () => {
    const guard = rule({ metric: 'error-rate', comparator: '>', threshold: 5, minSample: 20, window: { unit: 'hour', size: 1 }, groupBy: 'all', action: { type: 'pause' } });
    const hourBounds = windowBounds(guard.window, 'all', now);
    const flood = [members('ranger', 1, 1, { opened: 5_000, error: 5_000 })];
    expect(evaluateRule(guard, 'courses.push', { rows: flood, activity: [], rolloutPercent: 100, bounds: hourBounds }, now)).toEqual([]);
    // Even a rule set to a lower minimum needs 10 members before it pauses anything.
    const lax = { ...guard, minSample: 1 };
    expect(evaluateRule(lax, 'courses.push', { rows: [members('ranger', 9, 9)], activity: [], rolloutPercent: 100, bounds: hourBounds }, now)).toEqual([]);
  });

  it('pauses on members’ error reports only when the server saw errors too or many members report them', () => {
    const guard = rule({ metric: 'error-rate', comparator: '>', threshold: 5, minSample: 20, window: { unit: 'hour', size: 1 }, groupBy: 'all', action: { type: 'pause' } });
    const hourBounds = windowBounds(guard.window, 'all', now);
    const basisOf = (rows: Row[]) => evaluateRule(guard, 'signup.qr-checkin', { rows, activity: [], rolloutPercent: 100, bounds: hourBounds }, now)[0]?.evidence.basis;
    expect(basisOf([members('ranger', 25, 12), serverRow(2)])).toBe('unconfirmed');
    expect(basisOf([members('ranger', 25, 12), serverRow(3)])).toBe('server-errors');
    expect(basisOf([members('ranger', 40, 30)])).toBe('many-members');
    const unconfirmed = evaluateRule(guard, 'signup.qr-checkin', { rows: [members('ranger', 25, 12)], activity: [], rolloutPercent: 100, bounds: hourBounds }, now)[0]!;
    expect(outcomeOf(guard, unconfirmed, toggle(), [], now)).toEqual({ kind: 'propose' });
    expect(unconfirmed.evidence.reason).toContain('未自动暂停，请管理员判断');
  });

  it('expands `*` to every feature, and to the home entries for home-page rules', () => {
    expect(featuresOf({ feature: '*', action: { type: 'pause' } })).toContain('suggestions.anonymous');
    expect(featuresOf({ feature: '*', action: { type: 'hide-from-home' } })).toEqual(['suggestions', 'dues', 'signup', 'feedback', 'courses']);
  });
});

describe('outcomes and actions', () => {
  const finding = (group: { kind: 'all' | 'category' | 'branch'; value?: string }) => ({
    feature: 'signup.qr-checkin' as const,
    group,
    evidence: {} as never,
  });
  const guard = rule({ metric: 'error-rate', comparator: '>', threshold: 5, window: { unit: 'hour', size: 1 }, groupBy: 'all', action: { type: 'pause' } });

  it('pauses a live feature at once (also right after a rollout), but not a paused one, nor within the window after an admin lifted a pause', () => {
    expect(outcomeOf(guard, finding({ kind: 'all' }), toggle(), [], now)).toEqual({ kind: 'pause', next: { ...DEFAULT_TOGGLE, rolloutPercent: 10, killSwitch: true } });
    expect(outcomeOf(guard, finding({ kind: 'all' }), toggle({ updatedBy: { kind: 'admin', userId: 'a', name: '杨管理' }, updatedAt: '2026-05-10T03:29:00Z' }), [], now).kind).toBe('pause');
    expect(outcomeOf(guard, finding({ kind: 'all' }), toggle({ killSwitch: true }), [], now).kind).toBe('none');
    const resumed = toggle({ resumedAt: '2026-05-10T03:00:00Z' });
    expect(outcomeOf(guard, finding({ kind: 'all' }), resumed, [], now)).toEqual({ kind: 'none', reason: 'admin-recently-resumed' });
    expect(outcomeOf(guard, finding({ kind: 'all' }), { ...resumed, resumedAt: '2026-05-10T01:00:00Z' }, [], now).kind).toBe('pause');
  });

  it('proposes only what would change something', () => {
    const disable = rule({});
    expect(outcomeOf(disable, finding({ kind: 'category', value: 'ranger' }), toggle(), [], now).kind).toBe('propose');
    const already = toggle({ targeting: { ...DEFAULT_TOGGLE.targeting, excludedCategories: ['ranger'] } });
    expect(outcomeOf(disable, finding({ kind: 'category', value: 'ranger' }), already, [], now).kind).toBe('none');
    const step = rule({ groupBy: 'all', action: { type: 'step-up', percent: 50 } });
    expect(outcomeOf(step, finding({ kind: 'all' }), toggle({ rolloutPercent: 50 }), [], now).kind).toBe('none');
    expect(outcomeOf(step, finding({ kind: 'all' }), toggle({ rolloutPercent: 10 }), [], now).kind).toBe('propose');
    const hide = rule({ feature: 'courses', action: { type: 'hide-from-home' } });
    expect(outcomeOf(hide, { ...finding({ kind: 'category', value: 'retiree' }), feature: 'courses' }, toggle(), ['courses'], now).kind).toBe('none');
  });

  it('turns a feature off for a group by excluding it, or entirely, and steps up without stepping down', () => {
    expect(toggleAfter({ type: 'disable' }, { kind: 'category', value: 'ranger' }, toggle())?.targeting.excludedCategories).toEqual(['ranger']);
    expect(toggleAfter({ type: 'disable' }, { kind: 'branch', value: 'b9' }, toggle())?.targeting.excludedBranches).toEqual(['b9']);
    expect(toggleAfter({ type: 'disable' }, { kind: 'all' }, toggle())?.enabled).toBe(false);
    expect(toggleAfter({ type: 'step-up', percent: 50 }, { kind: 'all' }, toggle({ rolloutPercent: 80 }))).toBeUndefined();
    expect(hiddenAfter({ type: 'hide-from-home' }, 'courses', ['dues'])).toEqual(['dues', 'courses']);
    expect(describeAction({ type: 'disable' }, 'signup.qr-checkin', { kind: 'category', value: 'ranger' })).toBe('对护林员关闭「扫码签到」');
  });

  it('keys proposals by rule, feature and group', () => {
    expect(proposalId('r1', 'dues', { kind: 'category', value: 'ranger' })).toBe(proposalId('r1', 'dues', { kind: 'category', value: 'ranger' }));
    expect(proposalId('r1', 'dues', { kind: 'category', value: 'ranger' })).not.toBe(proposalId('r1', 'dues', { kind: 'category', value: 'office' }));
  });
});

describe('transactions on hot counters', () => {
  const cancelled = (code: string) => Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: code }] });

  it('retries a transaction conflict with backoff, and gives up after the last attempt', async () => {
    let calls = 0;
    const sleeps: number[] = [];
    const send = async () => {
      calls += 1;
      if (calls < 3) throw cancelled('TransactionConflict');
      return 'ok';
    };
    await expect(transactWithRetry([], { send, sleep: async (ms) => void sleeps.push(ms) })).resolves.toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
    await expect(transactWithRetry([], { attempts: 2, send: async () => Promise.reject(cancelled('TransactionConflict')), sleep: async () => undefined })).rejects.toThrow('cancelled');
  });

  it('does not retry a failed condition', async () => {
    let calls = 0;
    const send = async () => {
      calls += 1;
      throw cancelled('ConditionalCheckFailed');
    };
    await expect(transactWithRetry([], { send, sleep: async () => undefined })).rejects.toThrow();
    expect(calls).toBe(1);
  });
});
