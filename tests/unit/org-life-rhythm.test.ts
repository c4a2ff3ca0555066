import { DEFAULT_RHYTHM, dueAgainstHeld, generateYearPlan, periodBounds, periodOf, quorum } from '../../functions/org-life/rhythm';

describe('the rhythm of organisation life, in Asia/Shanghai', () => {
  it('plans a year by the 2018 regulations: 4 党员大会, 12 支委会, 12 党小组会, 4 党课, 12 主题党日, 1 组织生活会, 1 民主评议', () => {
    const plan = generateYearPlan(2026, DEFAULT_RHYTHM);
    const count = (type: string) => plan.filter((entry) => entry.type === type).length;
    expect([count('branch-assembly'), count('committee'), count('group'), count('lecture'), count('party-day'), count('life-meeting'), count('appraisal')]).toEqual([4, 12, 12, 4, 12, 1, 1]);
    expect(plan.filter((e) => e.type === 'party-day').map((e) => e.plannedDay)).toContain('2026-03-15');
    expect(plan.filter((e) => e.type === 'branch-assembly').map((e) => e.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    // Every planned day lies inside its own period.
    for (const entry of plan) {
      const { start, end } = periodBounds(entry.period);
      const day = Date.parse(`${entry.plannedDay}T12:00:00+08:00`);
      expect(day >= start.getTime() && day < end.getTime()).toBe(true);
    }
    expect(plan.map((e) => e.plannedDay)).toEqual([...plan.map((e) => e.plannedDay)].sort());
  });

  it('follows an edited rhythm: 党课 twice a term, 主题党日 on the 1st, no 党小组会', () => {
    const plan = generateYearPlan(2026, { ...DEFAULT_RHYTHM, lecture: { period: 'quarter', times: 2 }, 'party-day': { period: 'month', times: 1, day: 1 }, group: { period: 'month', times: 0 } });
    expect(plan.filter((e) => e.type === 'lecture')).toHaveLength(8);
    expect(plan.filter((e) => e.type === 'group')).toHaveLength(0);
    expect(plan.find((e) => e.type === 'party-day' && e.period === '2026-07')?.plannedDay).toBe('2026-07-01');
  });

  it('cuts quarters and months at Beijing midnight, not UTC midnight', () => {
    expect(periodOf('quarter', new Date('2026-03-31T15:30:00Z'))).toBe('2026-Q1'); // 23:30 on 31 March in Beijing
    expect(periodOf('quarter', new Date('2026-03-31T16:30:00Z'))).toBe('2026-Q2'); // 00:30 on 1 April in Beijing
    expect(periodOf('month', new Date('2025-12-31T16:00:00Z'))).toBe('2026-01');
    expect(periodOf('year', new Date('2025-12-31T15:59:59Z'))).toBe('2025');
    expect(periodBounds('2026-Q2')).toEqual({ start: new Date('2026-03-31T16:00:00Z'), end: new Date('2026-06-30T16:00:00Z') });
    expect(periodBounds('2026-02')).toEqual({ start: new Date('2026-01-31T16:00:00Z'), end: new Date('2026-02-28T16:00:00Z') });
    expect(periodBounds('2026')).toEqual({ start: new Date('2025-12-31T16:00:00Z'), end: new Date('2026-12-31T16:00:00Z') });
  });

  it('counts due against held per period and flags a quarter ending without its meeting', () => {
    const meetings = [
      { type: 'branch-assembly' as const, startAt: '2026-03-31T15:00:00Z', status: 'held' as const }, // Q1 in Beijing
      { type: 'branch-assembly' as const, startAt: '2026-05-10T02:00:00Z', status: 'cancelled' as const },
      { type: 'committee' as const, startAt: '2026-06-10T02:00:00Z', status: 'planned' as const },
    ];
    const now = new Date('2026-06-25T02:00:00Z');
    const rows = dueAgainstHeld(2026, DEFAULT_RHYTHM, meetings, now, 10);
    const row = (type: string, period: string) => rows.find((r) => r.type === type && r.period === period);
    expect(row('branch-assembly', '2026-Q1')).toMatchObject({ due: 1, held: 1, endingShort: false });
    expect(row('branch-assembly', '2026-Q2')).toMatchObject({ due: 1, held: 0, endingShort: true });
    expect(row('committee', '2026-06')).toMatchObject({ due: 1, held: 0, planned: 1, endingShort: true });
    expect(row('committee', '2026-07')).toBeUndefined(); // periods not begun are not due yet
    expect(dueAgainstHeld(2026, DEFAULT_RHYTHM, meetings, new Date('2026-05-01T02:00:00Z'), 10).find((r) => r.type === 'branch-assembly' && r.period === '2026-Q2')?.endingShort).toBe(false);
  });

  it('needs more than half of the voting members for a 党员大会 vote, half of the committee for a 支委会', () => {
    expect(quorum('branch-assembly', 12, 6)?.met).toBe(false);
    expect(quorum('branch-assembly', 12, 7)).toMatchObject({ met: true, rule: expect.stringContaining('超过半数') });
    expect(quorum('branch-assembly', 11, 6)?.met).toBe(true);
    expect(quorum('committee', 5, 2)?.met).toBe(false);
    expect(quorum('committee', 4, 2)?.met).toBe(true);
    expect(quorum('party-day', 12, 1)).toBeUndefined();
  });
});
