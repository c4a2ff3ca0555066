import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { PersonalFact, PersonalTopic } from '../../shared/api/assistant';
import type { Bill } from '../../shared/api/dues';
import { BASE_KIND_LABELS, FIXED_CLASS_LABELS, formatYuan } from '../../shared/api/dues-rules';
import type { FeatureKey } from '../../shared/api/features';
import { ACTIVITY_TYPE_LABELS } from '../../shared/api/signup';
import { loadFeatureConfig } from '../../shared/runtime/feature-gate';
import type { Caller } from '../../shared/runtime/session';
import { isFeatureOn } from '../../shared/toggles/evaluate';
// Each capability's own domain read, with the caller as it would be called from that capability's endpoint:
// the assistant sees exactly what the member's own pages show them, and nothing of anyone else.
import { myStudy } from '../course-push/study-summary';
import { billsFor } from '../dues/bills';
import { shanghaiMonth } from '../dues/months';
import { MEETING_TYPE_LABELS, type MeetingType } from '../../shared/api/org-life';
import { myUpcomingMeetings } from '../org-life/member-reads';
import { listForMember } from '../signup/activities';

/** A personal answer: the member's fact, and the ids of the rule passages behind it. */
export interface PersonalAnswer {
  fact: PersonalFact;
  passageIds: string[];
}

const shanghai = tz('Asia/Shanghai');
const BILL_STATUS: Record<Bill['status'], string> = { unpaid: '尚未交纳', paid: '已交纳', exempt: '免交' };

/** The capability whose data answers each topic, and the toggle its own pages need: off for the caller, no answer. */
const FEATURE_OF: Record<PersonalTopic, FeatureKey> = { dues: 'dues', study: 'courses', activity: 'signup' };

const percent = (rateBp: number) => `${(rateBp / 100).toString()}%`;
/** `2026-12` → `2026年12月`. */
const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** How the amount was reached, in the member's words, and the passage with the rule it applies. */
function duesReason(bill: Bill): { reason: string; passageId: string } {
  const { computation } = bill;
  if (computation.hardship) {
    return { reason: `经批准少交（批准文号 ${computation.hardship.approvalRef}），按规定应交 ${formatYuan(computation.ruleAmountFen)} 元`, passageId: 'dues-hardship' };
  }
  if (computation.kind === 'fixed') {
    return { reason: `${FIXED_CLASS_LABELS[computation.fixedClass ?? 'low-income']}党员按定额交纳`, passageId: 'dues-low-income' };
  }
  const base = `${BASE_KIND_LABELS[computation.kind]} ${formatYuan(computation.baseFen ?? 0)} 元 × ${percent(computation.rateBp ?? 0)}`;
  return { reason: `按${base}计算`, passageId: computation.kind === 'pension' ? 'dues-retiree' : 'dues-rate-employed' };
}

async function duesAnswer(caller: Caller, now: Date): Promise<PersonalAnswer> {
  const month = shanghaiMonth(now);
  const bill = (await billsFor(caller, Number(month.slice(0, 4)))).find((candidate) => candidate.month === month);
  if (!bill) {
    return {
      fact: { topic: 'dues', summary: `您${monthLabel(month)}的党费账单还没有生成。党费基数核定后即可查看，如有疑问请联系支部党费管理员。`, page: 'dues' },
      passageIds: ['dues-fixed-yearly'],
    };
  }
  const { reason, passageId } = duesReason(bill);
  return {
    fact: { topic: 'dues', summary: `您${monthLabel(month)}应交党费 ${formatYuan(bill.amountFen)} 元（${reason}），${BILL_STATUS[bill.status]}。`, page: 'dues' },
    passageIds: [passageId, 'dues-fixed-yearly'],
  };
}

async function studyAnswer(caller: Caller, now: Date): Promise<PersonalAnswer> {
  const study = await myStudy(caller, undefined, now);
  const summary =
    study.remainingHours > 0
      ? `您${study.year}年已完成 ${study.completedHours} 学时，还差 ${study.remainingHours} 学时（全年不少于 ${study.requiredHours} 学时）。`
      : `您${study.year}年已完成 ${study.completedHours} 学时，已达到全年 ${study.requiredHours} 学时的要求。`;
  return { fact: { topic: 'study', summary, page: 'study' }, passageIds: ['study-hours'] };
}

/** The meeting types a question names (主题党日, 党课, 组织生活会 …), from organisation life. */
const MEETING_WORDS: Array<[RegExp, MeetingType]> = [
  [/主题党日|党日/, 'party-day'],
  [/党课/, 'lecture'],
  [/组织生活会/, 'life-meeting'],
  [/支委会|支部委员会/, 'committee'],
  [/党员大会/, 'branch-assembly'],
  [/党小组会/, 'group'],
];

/** The member's next meeting of organisation life of the type the question names (any type when it names none). */
async function nextMeeting(caller: Caller, question: string, now: Date) {
  const named = MEETING_WORDS.find(([words]) => words.test(question))?.[1];
  const meetings = await myUpcomingMeetings(caller, now);
  return named ? meetings.find((meeting) => meeting.type === named) : meetings[0];
}

/** The member's next sign-up activity: a 主题党日 when asked for one, else whatever comes next. */
async function nextActivity(caller: Caller, question: string, now: Date) {
  const upcoming = (await listForMember(caller, 'upcoming', now)).filter(({ activity }) => Date.parse(activity.startAt) > now.getTime());
  const partyDay = /主题党日|党日/.test(question);
  const wanted = partyDay ? upcoming.filter(({ activity }) => activity.type === 'party-day') : upcoming;
  // A question naming a kind of meeting (党课, 支委会 …) is answered by an activity only when it is that kind.
  const namesMeeting = MEETING_WORDS.some(([words]) => words.test(question));
  return { next: wanted[0] ?? upcoming[0], matched: wanted[0] !== undefined && (partyDay || !namesMeeting) };
}

/** The soonest of the member's branch meetings (organisation life) and the activities open to them (sign-up). */
async function activityAnswer(caller: Caller, question: string, now: Date): Promise<PersonalAnswer> {
  const [meeting, { next, matched }] = await Promise.all([nextMeeting(caller, question, now), nextActivity(caller, question, now)]);
  const when = (startAt: string) => format(new Date(startAt), 'M月d日 HH:mm', { in: shanghai });
  if (meeting && (!next || !matched || meeting.startAt <= next.activity.startAt)) {
    const where = meeting.online ? '线上' : `地点：${meeting.place}`;
    return {
      fact: { topic: 'activity', summary: `${MEETING_TYPE_LABELS[meeting.type]}「${meeting.topic}」，${when(meeting.startAt)}（北京时间），${where}。`, page: 'orglife' },
      passageIds: ['org-theme-party-day'],
    };
  }
  if (!next) {
    return {
      fact: { topic: 'activity', summary: '目前没有您可以报名的近期活动。主题党日的时间由支部通知，请留意支部消息。', page: 'signup' },
      passageIds: ['org-theme-party-day'],
    };
  }
  const { activity } = next;
  const label = ACTIVITY_TYPE_LABELS[activity.type];
  const mine = next.myStatus === 'confirmed' ? '，您已报名' : '';
  const lead = matched ? '' : `近期没有主题党日安排，最近的活动是：`;
  return {
    fact: { topic: 'activity', summary: `${lead}${label}「${activity.title}」，${when(activity.startAt)}（北京时间），地点：${activity.place}${mine}。`, page: 'signup' },
    passageIds: ['org-theme-party-day'],
  };
}

/** The member's own answer, or undefined when the capability is not open to them (then only the rules answer). */
export async function personalAnswer(topic: PersonalTopic, caller: Caller, question: string, now = new Date()): Promise<PersonalAnswer | undefined> {
  const { toggles } = await loadFeatureConfig();
  if (!isFeatureOn(FEATURE_OF[topic], toggles, caller)) return undefined;
  if (topic === 'dues') return duesAnswer(caller, now);
  if (topic === 'study') return studyAnswer(caller, now);
  return activityAnswer(caller, question, now);
}
