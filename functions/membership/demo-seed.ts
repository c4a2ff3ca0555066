import { STEPS, type StepKind } from '../../shared/api/membership-model';
import { memberProfile } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { addDays, addMonths, shanghaiToday } from './joining/calendar';
import { createPerson, recordStep } from './people';
import { getRecord } from './store';

/**
 * The demo branch's records (壮志林场党支部): the demo accounts as members already in the Party, so their card and
 * a transfer have their facts, and three people on their way in at different stages, one with a limit due soon so
 * the secretary's reminder shows. Idempotent: a record that exists is left as it is.
 */
const CHECK = '10X98765432';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idNumber = (first17: string) => `${first17}${CHECK[WEIGHTS.reduce((sum, weight, index) => sum + weight * Number(first17[index]), 0) % 11]}`;

const MEMBERS: Array<{ userId: string; id17: string; sex: 'male' | 'female'; ethnicity: string; since: string }> = [
  { userId: 'demo-ranger', id17: '23272119780412003', sex: 'male', ethnicity: '鄂伦春族', since: '2003-07-01' },
  { userId: 'demo-secretary', id17: '23272119720903001', sex: 'male', ethnicity: '汉族', since: '1996-06-28' },
  { userId: 'demo-office', id17: '23272319850116002', sex: 'female', ethnicity: '满族', since: '2012-06-30' },
];

/** Applicants of the demo branch: steps taken so far, dated back from today. */
const APPLICANTS: Array<{ request: string; name: string; id17: string; sex: 'male' | 'female'; monthsAgo: number; steps: StepKind[] }> = [
  { request: 'demo-applicant-1', name: '高晓林', id17: '23272120000307004', sex: 'male', monthsAgo: 0, steps: ['application'] },
  { request: 'demo-applicant-2', name: '于春燕', id17: '23272119980722006', sex: 'female', monthsAgo: 14, steps: ['application', 'talk', 'activist', 'activist-review', 'activist-review'] },
  { request: 'demo-applicant-3', name: '邵兴安', id17: '23272119960110001', sex: 'male', monthsAgo: 28, steps: ['application', 'talk', 'activist', 'activist-review', 'activist-review', 'candidate', 'candidate-training', 'public-notice', 'pre-review', 'admission-meeting', 'admission-approval'] },
];

const BASIS: Partial<Record<StepKind, string>> = {
  application: '本人递交的入党申请书',
  talk: '党小组长谈话记录',
  activist: '支部委员会会议纪要',
  'activist-review': '培养联系人考察意见',
  candidate: '支部委员会会议纪要',
  'candidate-training': '林业局党校发展对象培训班结业证书',
  'public-notice': '公示通知及公示结果',
  'pre-review': '上级党委预审意见',
  'admission-meeting': '支部党员大会表决（应到 24 人，实到 21 人，赞成 21 票）',
  'admission-approval': '上级党委审批意见',
};

export async function seedMembershipDemo(now = new Date()): Promise<string> {
  const secretaryProfile = await memberProfile('demo-secretary');
  if (!secretaryProfile) return 'no demo secretary';
  const secretary: Caller = { userId: secretaryProfile.userId, name: secretaryProfile.name, roles: ['member', 'secretary'], branchId: secretaryProfile.branchId, category: secretaryProfile.category };
  const admin: Caller = { ...secretary, roles: ['member', 'admin'] };
  let created = 0;
  for (const member of MEMBERS) {
    const profile = await memberProfile(member.userId);
    if (!profile || (await getRecord(member.userId))) continue;
    await createPerson(admin, { clientRequestId: `demo-record-${member.userId}`, name: profile.name, userId: member.userId, branchId: profile.branchId, sex: member.sex, ethnicity: member.ethnicity, idNumber: idNumber(member.id17), standing: { stage: 'full', since: member.since } }, now);
    created += 1;
  }
  const today = shanghaiToday(now);
  for (const applicant of APPLICANTS) {
    const start = addDays(addMonths(today, -applicant.monthsAgo), -10);
    const { detail, created: fresh } = await createPerson(secretary, { clientRequestId: applicant.request, name: applicant.name, sex: applicant.sex, ethnicity: '汉族', idNumber: idNumber(applicant.id17), application: { date: start, basis: BASIS.application! } }, now);
    if (!fresh) continue;
    created += 1;
    // Steps spaced so every minimum is met: a year as activist, a notice of two working weeks, probation running.
    const plan: Record<string, number> = { talk: 0.5, activist: 1, 'activist-review': 6, candidate: 6, 'candidate-training': 0.5, 'public-notice': 0.5, 'pre-review': 0.5, 'admission-meeting': 0.5, 'admission-approval': 1 };
    let date = start;
    for (const kind of applicant.steps.slice(1)) {
      date = addDays(date, Math.round((plan[kind] ?? 1) * 30.5));
      if (date > today) date = today;
      const extra = kind === 'candidate-training' ? { trainingDays: 5 } : kind === 'public-notice' ? { noticeEndDate: addDays(date, 13) } : {};
      await recordStep(secretary, detail.personId, { kind, date, basis: BASIS[kind] ?? STEPS.find((step) => step.kind === kind)!.label, ...extra }, now);
      if (kind === 'public-notice') date = addDays(date, 14);
    }
  }
  return `${created} records`;
}
