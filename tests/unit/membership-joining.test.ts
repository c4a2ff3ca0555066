import fc from 'fast-check';
import { STAGES, STEP_KINDS, type StepKind, type StepRecord } from '../../shared/api/membership-model';
import { addMonths, shanghaiToday, workingDaysBetween } from '../../functions/membership/joining/calendar';
import { checkStep, nextSteps, runningDeadlines, stageOf, stagesEntered, withStep, type StepInput } from '../../functions/membership/joining/process';
import { DEFAULT_JOINING_RULES, joiningRulesFrom, type JoiningRules } from '../../functions/membership/joining/rules';

const rules = DEFAULT_JOINING_RULES;
const secretary = { userId: 'demo-secretary', name: '张书记' };
const TODAY = '2030-01-01';

/** Records steps through the rules, failing the test on a refusal. */
function walk(inputs: StepInput[], with_: JoiningRules = rules): StepRecord[] {
  let steps: StepRecord[] = [];
  for (const input of inputs) {
    const outcome = checkStep(steps, input, with_, TODAY);
    if (!outcome.accepted) throw new Error(`${input.kind} refused: ${outcome.refusal.message}`);
    steps = withStep(steps, input, outcome.flags, secretary, new Date('2029-12-01T00:00:00Z'));
  }
  return steps;
}

const at = (kind: StepKind, date: string, extra: Partial<StepInput> = {}): StepInput => ({ kind, date, basis: `依据：${kind}`, ...extra });

/** A complete, on-time path through the five stages. */
const ON_TIME: StepInput[] = [
  at('application', '2024-03-04'),
  at('talk', '2024-03-20'),
  at('activist', '2024-04-10'),
  at('activist-review', '2024-10-08'),
  at('activist-review', '2025-04-07'),
  at('candidate', '2025-04-10'),
  at('candidate-training', '2025-05-12', { trainingDays: 3 }),
  at('public-notice', '2025-06-02', { noticeEndDate: '2025-06-06' }),
  at('pre-review', '2025-06-10'),
  at('admission-meeting', '2025-07-01'),
  at('admission-approval', '2025-08-15'),
  at('full-meeting', '2026-07-01'),
  at('full-approval', '2026-08-01'),
];

describe('calendar arithmetic in Asia/Shanghai', () => {
  it('adds months to the same day, or the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-07-01', 12)).toBe('2026-07-01');
  });

  it('counts working days with weekends, public holidays and makeup workdays', () => {
    const plain = { holidays: new Set<string>(), makeupWorkdays: new Set<string>() };
    expect(workingDaysBetween('2025-06-02', '2025-06-06', plain)).toBe(5); // Monday to Friday
    expect(workingDaysBetween('2025-06-05', '2025-06-11', plain)).toBe(5); // Thursday to Wednesday, over a weekend
    // National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
    const national = joiningRulesFrom({
      MEMBERSHIP_HOLIDAYS: '2025-10-01,2025-10-02,2025-10-03,2025-10-06,2025-10-07,2025-10-08',
      MEMBERSHIP_MAKEUP_WORKDAYS: '2025-09-28,2025-10-11',
    }).calendar;
    expect(workingDaysBetween('2025-09-28', '2025-10-11', national)).toBe(6); // 28, 29, 30 Sep; 9, 10, 11 Oct
  });

  it("takes today's date in Shanghai, not in UTC", () => {
    expect(shanghaiToday(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(shanghaiToday(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });
});

describe('joining the Party: the 2014 rules as settings', () => {
  it('walks an on-time process through all five stages without a flag', () => {
    const steps = walk(ON_TIME);
    expect(stageOf(steps)).toBe('full');
    expect(stagesEntered(steps)).toEqual([...STAGES]);
    expect(steps.flatMap((step) => step.flags)).toEqual([]);
    expect(nextSteps(steps)).toEqual([]);
  });

  it('flags a talk later than one month after the application, at the month end', () => {
    const base = walk([at('application', '2025-01-31')]);
    const onTime = checkStep(base, at('talk', '2025-02-28'), rules, TODAY);
    expect(onTime).toEqual({ accepted: true, flags: [] });
    const late = checkStep(base, at('talk', '2025-03-01'), rules, TODAY);
    expect(late.accepted && late.flags.map((flag) => flag.rule)).toEqual(['TALK_LATE']);
  });

  it('refuses 发展对象 before a full year as activist, with the rule named', () => {
    const base = walk(ON_TIME.slice(0, 5));
    const early = checkStep(base, at('candidate', '2025-04-09'), rules, TODAY);
    expect(early).toEqual({ accepted: false, refusal: expect.objectContaining({ rule: 'ACTIVIST_TOO_SHORT' }) });
    expect(!early.accepted && early.refusal.message).toContain('2025-04-10');
    // A local rule of 18 months moves the earliest date.
    const longer = checkStep(base, at('candidate', '2025-04-10'), { ...rules, activistMinMonths: 18 }, TODAY);
    expect(longer.accepted).toBe(false);
  });

  it('flags a missed half-year review before 发展对象', () => {
    const base = walk([at('application', '2024-03-04'), at('talk', '2024-03-20'), at('activist', '2024-04-10')]);
    const outcome = checkStep(base, at('candidate', '2025-04-10'), rules, TODAY);
    expect(outcome.accepted && outcome.flags.map((flag) => flag.rule)).toEqual(['REVIEW_MISSED']);
  });

  it('needs 3 days or 24 学时 of training', () => {
    const base = walk(ON_TIME.slice(0, 6));
    expect(checkStep(base, at('candidate-training', '2025-05-12', { trainingDays: 2, trainingHours: 23 }), rules, TODAY).accepted).toBe(false);
    expect(checkStep(base, at('candidate-training', '2025-05-12', { trainingDays: 2, trainingHours: 24 }), rules, TODAY).accepted).toBe(true);
    expect(checkStep(base, at('candidate-training', '2025-05-12', { trainingDays: 3 }), rules, TODAY).accepted).toBe(true);
  });

  it('needs a public notice of 5 working days, holidays not counted', () => {
    const base = walk(ON_TIME.slice(0, 7));
    const overWeekend = checkStep(base, at('public-notice', '2025-06-05', { noticeEndDate: '2025-06-10' }), rules, TODAY);
    expect(overWeekend).toEqual({ accepted: false, refusal: expect.objectContaining({ rule: 'NOTICE_TOO_SHORT' }) });
    expect(checkStep(base, at('public-notice', '2025-06-05', { noticeEndDate: '2025-06-11' }), rules, TODAY).accepted).toBe(true);
    const withHoliday = { ...rules, calendar: { holidays: new Set(['2025-06-09']), makeupWorkdays: new Set<string>() } };
    expect(checkStep(base, at('public-notice', '2025-06-05', { noticeEndDate: '2025-06-11' }), withHoliday, TODAY).accepted).toBe(false);
  });

  it('flags the branch meeting more than a month after the pre-review', () => {
    const base = walk(ON_TIME.slice(0, 9));
    const late = checkStep(base, at('admission-meeting', '2025-07-11'), rules, TODAY);
    expect(late.accepted && late.flags.map((flag) => flag.rule)).toEqual(['MEETING_LATE']);
  });

  it('flags approval after 3 months, and differently after the 6-month maximum', () => {
    const base = walk(ON_TIME.slice(0, 10));
    const inTime = checkStep(base, at('admission-approval', '2025-10-01'), rules, TODAY);
    expect(inTime).toEqual({ accepted: true, flags: [] });
    const late = checkStep(base, at('admission-approval', '2025-10-02'), rules, TODAY);
    expect(late.accepted && late.flags.map((flag) => flag.rule)).toEqual(['APPROVAL_LATE']);
    const over = checkStep(base, at('admission-approval', '2026-01-02'), rules, TODAY);
    expect(over.accepted && over.flags.map((flag) => flag.rule)).toEqual(['APPROVAL_OVER_MAX']);
  });

  it('counts probation a year from the branch meeting, and an extension of 6 to 12 months on top', () => {
    const base = walk(ON_TIME.slice(0, 11));
    expect(checkStep(base, at('full-meeting', '2026-06-30'), rules, TODAY)).toEqual({ accepted: false, refusal: expect.objectContaining({ rule: 'PROBATION_NOT_ENDED' }) });
    expect(checkStep(base, at('full-meeting', '2026-07-01'), rules, TODAY).accepted).toBe(true);
    expect(checkStep(base, at('probation-extension', '2026-06-20', { extensionMonths: 5 }), rules, TODAY).accepted).toBe(false);
    expect(checkStep(base, at('probation-extension', '2026-06-20', { extensionMonths: 13 }), rules, TODAY).accepted).toBe(false);
    const extended = walk([...ON_TIME.slice(0, 11), at('probation-extension', '2026-06-20', { extensionMonths: 6 })]);
    expect(checkStep(extended, at('full-meeting', '2026-12-31'), rules, TODAY).accepted).toBe(false);
    expect(checkStep(extended, at('full-meeting', '2027-01-01'), rules, TODAY).accepted).toBe(true);
    expect(runningDeadlines(extended, rules)).toEqual([{ kind: 'full-meeting', due: '2027-01-01', rule: 'PROBATION_ENDS', earliest: true }]);
  });

  it('flags the full-membership approval after 3 months', () => {
    const base = walk(ON_TIME.slice(0, 12));
    const late = checkStep(base, at('full-approval', '2026-10-02'), rules, TODAY);
    expect(late.accepted && late.flags.map((flag) => flag.rule)).toEqual(['FULL_APPROVAL_LATE']);
  });

  it('refuses a step out of order, dated before the previous one, or in the future', () => {
    const base = walk(ON_TIME.slice(0, 2));
    expect(checkStep(base, at('candidate', '2026-01-01'), rules, TODAY)).toEqual({ accepted: false, refusal: expect.objectContaining({ rule: 'ORDER' }) });
    expect(checkStep(base, at('talk', '2024-03-21'), rules, TODAY)).toEqual({ accepted: false, refusal: expect.objectContaining({ rule: 'ORDER' }) });
    expect(checkStep(base, at('activist', '2024-03-19'), rules, TODAY)).toEqual({ accepted: false, refusal: expect.objectContaining({ rule: 'DATE_ORDER' }) });
    expect(checkStep(base, at('activist', '2030-01-02'), rules, TODAY)).toEqual({ accepted: false, refusal: expect.objectContaining({ rule: 'DATE_FUTURE' }) });
  });

  it('lists the running limits, soonest first', () => {
    expect(runningDeadlines(walk([at('application', '2025-01-31')]), rules)).toEqual([{ kind: 'talk', due: '2025-02-28', rule: 'TALK_LATE' }]);
    expect(runningDeadlines(walk(ON_TIME.slice(0, 10)), rules)).toEqual([{ kind: 'admission-approval', due: '2025-10-01', rule: 'APPROVAL_LATE' }]);
  });
});

describe('joining the Party: properties over any sequence of calls', () => {
  const callArb = fc.record({
    /** Most calls take a step the process offers next, the others any step: both must keep the invariant. */
    offered: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
    kind: fc.constantFrom(...STEP_KINDS),
    /** Days after the previous step (negative: a date before it). */
    gap: fc.oneof(fc.integer({ min: -30, max: 40 }), fc.integer({ min: 300, max: 420 })),
    trainingDays: fc.integer({ min: 1, max: 5 }),
    trainingHours: fc.integer({ min: 0, max: 40 }),
    noticeDays: fc.integer({ min: 2, max: 12 }),
    extensionMonths: fc.integer({ min: 4, max: 14 }),
  });
  const plusDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

  it('never puts a person in two stages at once nor lets one skip a stage', () => {
    let reachedFull = 0;
    fc.assert(
      fc.property(fc.array(callArb, { minLength: 40, maxLength: 80 }), (calls) => {
        let steps: StepRecord[] = [];
        for (const call of calls) {
          const offered = nextSteps(steps);
          const take = call.offered && offered.length > 0;
          const kind = take ? offered[Math.abs(call.gap) % offered.length]! : call.kind;
          // An offered step moves forward in time; any other call may also try a date before the last step.
          const date = plusDays(steps.at(-1)?.date ?? '2022-01-03', take ? Math.abs(call.gap) : call.gap);
          const input: StepInput = { kind, date, basis: 'x', trainingDays: call.trainingDays, trainingHours: call.trainingHours, extensionMonths: call.extensionMonths, noticeEndDate: plusDays(date, call.noticeDays) };
          const before = stagesEntered(steps);
          const outcome = checkStep(steps, input, rules, '2999-12-31');
          if (outcome.accepted) steps = withStep(steps, input, outcome.flags, secretary, new Date());
          const entered = stagesEntered(steps);
          // The stages entered are exactly the first n stages, in order, each once; one call enters at most one.
          expect(entered).toEqual(STAGES.slice(0, entered.length));
          expect(entered.length - before.length).toBeLessThanOrEqual(1);
          expect(stageOf(steps)).toBe(entered.at(-1) ?? 'applicant');
          // Dates never go backwards.
          expect(steps.map((step) => step.date)).toEqual([...steps.map((step) => step.date)].sort());
        }
        if (stageOf(steps) === 'full') reachedFull += 1;
      }),
      { numRuns: 100 },
    );
    // The generator does reach the end of the process, so the property was checked on every stage.
    expect(reachedFull).toBeGreaterThan(0);
  });
});
