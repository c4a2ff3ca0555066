import { STEPS, type Deadline, type RuleFlag, type Stage, type StepKind, type StepRecord } from '../../../shared/api/membership-model';
import { addMonths, workingDaysBetween } from './calendar';
import type { JoiningRules } from './rules';

/**
 * The joining process as pure functions over the list of recorded steps: what may come next, what a step
 * breaks, which stage the person is in, and which limits are running. The store keeps the list; nothing here
 * knows DynamoDB or HTTP.
 */

type StepDefinition = (typeof STEPS)[number];
const definition = (kind: StepKind): StepDefinition => STEPS.find((step) => step.kind === kind)!;
const orderOf = (kind: StepKind) => STEPS.findIndex((step) => step.kind === kind);

/** What a secretary submits for one step. */
export interface StepInput {
  kind: StepKind;
  date: string;
  basis: string;
  trainingDays?: number;
  trainingHours?: number;
  noticeEndDate?: string;
  extensionMonths?: number;
}

/** A step the rules do not allow at all: nothing is recorded, the rule is named. */
export interface StepRefusal {
  rule: string;
  message: string;
}

export type StepOutcome = { accepted: true; flags: RuleFlag[] } | { accepted: false; refusal: StepRefusal };

const refuse = (rule: string, message: string): StepOutcome => ({ accepted: false, refusal: { rule, message } });
const last = (steps: readonly StepRecord[], kind: StepKind) => [...steps].reverse().find((step) => step.kind === kind);

/** The stage a person is in: the one the latest stage-entering step entered. */
export function stageOf(steps: readonly StepRecord[]): Stage {
  return stagesEntered(steps).at(-1) ?? 'applicant';
}

/** Every stage entered, in the order the steps entered them (the invariant: a prefix of STAGES). */
export function stagesEntered(steps: readonly StepRecord[]): Stage[] {
  return steps.flatMap((step) => {
    const entered = (definition(step.kind) as { enters?: Stage }).enters;
    return entered ? [entered] : [];
  });
}

/** The steps that may be recorded next: every earlier required step done, no later step done. */
export function nextSteps(steps: readonly StepRecord[]): StepKind[] {
  const done = new Set(steps.map((step) => step.kind));
  const furthest = Math.max(-1, ...steps.map((step) => orderOf(step.kind)));
  return STEPS.filter((step, order) => {
    if (order < furthest) return false;
    if (order === furthest) return 'repeatable' in step && step.repeatable === true;
    return STEPS.slice(0, order).every((earlier) => ('optional' in earlier && earlier.optional) || done.has(earlier.kind));
  }).map((step) => step.kind);
}

/** When the probation ends: a year (a setting) from the branch meeting's vote, plus any extension. */
export function probationEnd(steps: readonly StepRecord[], rules: JoiningRules): string | undefined {
  const meeting = last(steps, 'admission-meeting');
  if (!meeting) return undefined;
  const extension = last(steps, 'probation-extension')?.extensionMonths ?? 0;
  return addMonths(meeting.date, rules.probationMonths + extension);
}

/**
 * Checks one step against the rules and the steps before it. Refused: out of order, dated before the previous
 * step or after today, or short of a minimum the rules set (one year as activist, training, notice, probation).
 * Accepted with flags: a limit that passed (a late talk, a late meeting or approval) — the step happened and is
 * recorded, and the flag names the rule so the secretary can account for it.
 */
export function checkStep(steps: readonly StepRecord[], input: StepInput, rules: JoiningRules, today: string): StepOutcome {
  const step = definition(input.kind);
  if (!nextSteps(steps).includes(input.kind)) {
    const expected = nextSteps(steps).map((kind) => definition(kind).label).join('或');
    return refuse('ORDER', `“${step.label}”不能在此时登记：下一步应为${expected || '（流程已完成）'}`);
  }
  const previous = steps.at(-1);
  if (previous && input.date < previous.date) return refuse('DATE_ORDER', `日期不能早于上一步（${previous.date}）`);
  if (input.date > today) return refuse('DATE_FUTURE', '不能登记尚未发生的步骤');
  const flags: RuleFlag[] = [];
  const lateAfter = (from: StepRecord | undefined, withinMonths: number, rule: string, message: string) => {
    if (from && input.date > addMonths(from.date, withinMonths)) flags.push({ rule, message });
  };
  switch (input.kind) {
    case 'talk':
      lateAfter(last(steps, 'application'), rules.talkWithinMonths, 'TALK_LATE', `应在递交申请书后${rules.talkWithinMonths}个月内谈话（细则第七条）`);
      break;
    case 'activist-review': {
      const since = last(steps, 'activist-review') ?? last(steps, 'activist');
      lateAfter(since, rules.activistReviewMonths, 'REVIEW_LATE', `积极分子应每${rules.activistReviewMonths}个月考察一次`);
      break;
    }
    case 'candidate': {
      const designated = last(steps, 'activist')!;
      const earliest = addMonths(designated.date, rules.activistMinMonths);
      if (input.date < earliest) {
        return refuse('ACTIVIST_TOO_SHORT', `入党积极分子须经${rules.activistMinMonths}个月以上培养教育和考察，最早 ${earliest} 可确定为发展对象（细则第十三条）`);
      }
      const review = last(steps, 'activist-review') ?? designated;
      lateAfter(review, rules.activistReviewMonths, 'REVIEW_MISSED', `积极分子应每${rules.activistReviewMonths}个月考察一次，确定为发展对象前有考察间断`);
      break;
    }
    case 'candidate-training': {
      const days = input.trainingDays ?? 0;
      const hours = input.trainingHours ?? 0;
      if (days < rules.candidateTrainingMinDays && hours < rules.candidateTrainingMinHours) {
        return refuse('TRAINING_TOO_SHORT', `发展对象集中培训不少于${rules.candidateTrainingMinDays}天或${rules.candidateTrainingMinHours}学时（细则第十六条）`);
      }
      break;
    }
    case 'public-notice': {
      const end = input.noticeEndDate;
      if (!end || end < input.date) return refuse('NOTICE_DATES', '请填写公示结束日期（不早于开始日期）');
      if (end > today) return refuse('DATE_FUTURE', '公示尚未结束，结束后再登记');
      const days = workingDaysBetween(input.date, end, rules.calendar);
      if (days < rules.publicNoticeMinWorkingDays) {
        return refuse('NOTICE_TOO_SHORT', `公示不少于${rules.publicNoticeMinWorkingDays}个工作日（本次仅 ${days} 个，细则第十七条）`);
      }
      break;
    }
    case 'pre-review': {
      const notice = last(steps, 'public-notice')!;
      if (input.date < notice.noticeEndDate!) return refuse('NOTICE_NOT_ENDED', `预审应在公示结束（${notice.noticeEndDate}）之后`);
      break;
    }
    case 'admission-meeting':
      lateAfter(last(steps, 'pre-review'), rules.admissionMeetingWithinMonths, 'MEETING_LATE', `预审通过后应在${rules.admissionMeetingWithinMonths}个月内召开支部大会讨论接收`);
      break;
    case 'admission-approval': {
      const meeting = last(steps, 'admission-meeting')!;
      if (input.date > addMonths(meeting.date, rules.approvalMaxMonths)) {
        flags.push({ rule: 'APPROVAL_OVER_MAX', message: `上级党委审批超过最长期限${rules.approvalMaxMonths}个月（细则第二十四条）` });
      } else {
        lateAfter(meeting, rules.approvalWithinMonths, 'APPROVAL_LATE', `上级党委应在${rules.approvalWithinMonths}个月内审批（特殊情况可延长，最长不超过${rules.approvalMaxMonths}个月）`);
      }
      break;
    }
    case 'probation-extension': {
      const extension = input.extensionMonths ?? 0;
      if (extension < rules.extensionMinMonths || extension > rules.extensionMaxMonths) {
        return refuse('EXTENSION_RANGE', `延长预备期最短${rules.extensionMinMonths}个月，最长${rules.extensionMaxMonths}个月（细则第三十一条）`);
      }
      break;
    }
    case 'full-meeting': {
      const end = probationEnd(steps, rules)!;
      if (input.date < end) return refuse('PROBATION_NOT_ENDED', `预备期至 ${end} 届满，届满后方可讨论转正`);
      break;
    }
    case 'full-approval':
      lateAfter(last(steps, 'full-meeting'), rules.fullApprovalWithinMonths, 'FULL_APPROVAL_LATE', `转正应在${rules.fullApprovalWithinMonths}个月内经上级党委审批`);
      break;
    default:
      break;
  }
  return { accepted: true, flags };
}

/**
 * The limits running now, each with its last allowed date (or, with `earliest`, the first date a step may be
 * taken): what reminders are sent for. The earliest is the one the store indexes.
 */
export function runningDeadlines(steps: readonly StepRecord[], rules: JoiningRules): Deadline[] {
  const next = new Set(nextSteps(steps));
  const due: Deadline[] = [];
  const within = (kind: StepKind, from: StepRecord | undefined, months: number, rule: string) => {
    if (next.has(kind) && from) due.push({ kind, due: addMonths(from.date, months), rule });
  };
  within('talk', last(steps, 'application'), rules.talkWithinMonths, 'TALK_LATE');
  if (next.has('candidate')) within('activist-review', last(steps, 'activist-review') ?? last(steps, 'activist'), rules.activistReviewMonths, 'REVIEW_LATE');
  within('admission-meeting', last(steps, 'pre-review'), rules.admissionMeetingWithinMonths, 'MEETING_LATE');
  within('admission-approval', last(steps, 'admission-meeting'), rules.approvalWithinMonths, 'APPROVAL_LATE');
  within('full-approval', last(steps, 'full-meeting'), rules.fullApprovalWithinMonths, 'FULL_APPROVAL_LATE');
  const end = probationEnd(steps, rules);
  if (end && next.has('full-meeting')) due.push({ kind: 'full-meeting', due: end, rule: 'PROBATION_ENDS', earliest: true });
  return due.sort((a, b) => a.due.localeCompare(b.due));
}

/** Appends an accepted step (the caller checked it); the list is never edited in place. */
export function withStep(steps: readonly StepRecord[], input: StepInput, flags: RuleFlag[], by: { userId: string; name: string }, now: Date): StepRecord[] {
  return [...steps, { ...input, recordedBy: by, recordedAt: now.toISOString(), flags }];
}

