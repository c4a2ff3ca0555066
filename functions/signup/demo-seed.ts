import type { ActivityType } from '../../shared/api/signup';
import type { Member } from '../../shared/api/identity-model';
import { tableName } from '../../shared/runtime/db';
import { DEMO_ACCOUNTS, DEMO_ORG, demoMembers } from '../../shared/demo/demo-data';
import { newActivity } from './activities';
import { signupKeys, waitTicket } from './keys';
import type { ActivityRecord, RegistrationRecord } from './model';
import { activityItem, audienceItem, registrationItem } from './store';
import { transact, type TransactItems } from './transact';
import { audienceOf } from './transactions';

/**
 * Demo activities for `npm start`: in every branch a themed party day, volunteer tree planting, a fire
 * drill and a study session, timed from the first start (the drill of 壮志林场 starts within the hour, so its
 * check-in can be tried at once), and last fortnight's party day already held with its attendance, so the
 * branch report has something in it. Some members are registered and some not: the demo accounts for the party
 * days, the drill and the study session, not for tree planting (full, with one waiting), which they can still join.
 * Each activity is written with its registrations and counters in one transaction: quick enough for every
 * test table, and consistent by construction. Idempotent: ids come from the branch and the slot, and an
 * existing activity is left as it is.
 */

interface Template {
  slot: string;
  type: ActivityType;
  title: string;
  description: string;
  place: string;
  /** Start: in so many days at this Beijing time, or (`inMinutes`) shortly from now; sign-up closes a day before (or at the start). */
  startsIn: { days: number; at: string } | { inMinutes: number };
  hours: number;
  capacity: number;
  waitlistSize: number;
  checkInRequired: boolean;
  registrants: number;
  /** Whether the branch's demo accounts are among the registrants: some activities they joined, some they can still join. */
  demoAccountsRegistered: boolean;
  /** For a past activity: how many of the confirmed checked in (the others were absent). */
  checkedIn?: number;
}

const TEMPLATES: Template[] = [
  {
    slot: 'party-day',
    type: 'party-day',
    title: '主题党日：重温入党誓词',
    description: '集体重温入党誓词，学习本月理论要点，交流岗位履职情况。请携带党员徽章。',
    place: '支部党员活动室',
    startsIn: { days: 5, at: '09:00' },
    hours: 2,
    capacity: 30,
    waitlistSize: 10,
    checkInRequired: true,
    registrants: 5,
    demoAccountsRegistered: true,
  },
  {
    slot: 'tree-planting',
    type: 'volunteer',
    title: '义务植树：更新造林地块补植',
    description: '在火烧迹地更新造林地块补植樟子松苗。统一乘车前往，请穿劳保鞋、带手套，午餐由林场安排。',
    place: '林场 12 林班更新造林地块',
    startsIn: { days: 9, at: '07:30' },
    hours: 6,
    capacity: 6,
    waitlistSize: 3,
    checkInRequired: true,
    registrants: 7,
    demoAccountsRegistered: false,
  },
  {
    slot: 'fire-drill',
    type: 'drill',
    title: '森林防火扑救应急演练',
    description: '模拟雷击火情，演练接警、集结、扑打与清理火场流程。演练结束后现场讲评。',
    place: '防火物资储备库前广场',
    startsIn: { inMinutes: 25 },
    hours: 3,
    capacity: 20,
    waitlistSize: 5,
    checkInRequired: true,
    registrants: 4,
    demoAccountsRegistered: true,
  },
  {
    slot: 'study',
    type: 'study',
    title: '专题学习：森林防火条例与野外用火管理',
    description: '学习《森林防火条例》要点，结合本单位防火期野外用火审批讨论交流。',
    place: '林业局机关三楼会议室（可线上参加）',
    startsIn: { days: 14, at: '14:30' },
    hours: 2,
    capacity: 50,
    waitlistSize: 0,
    checkInRequired: false,
    registrants: 3,
    demoAccountsRegistered: true,
  },
  {
    // Already held: the branch's attendance report has something in it from the first start.
    slot: 'past-party-day',
    type: 'party-day',
    title: '主题党日：防火期动员与岗位承诺',
    description: '防火期前动员，党员逐一作岗位承诺，检查扑火机具和个人防护装备。',
    place: '支部党员活动室',
    startsIn: { days: -12, at: '09:00' },
    hours: 2,
    capacity: 30,
    waitlistSize: 5,
    checkInRequired: true,
    registrants: 9,
    demoAccountsRegistered: true,
    checkedIn: 7,
  },
];

const HOUR = 3_600_000;
const FIVE_MINUTES = 300_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A start that reads naturally: a round Beijing time on a later day, or the next five minutes past a mark. */
function startOf(template: Template, now: Date): number {
  if ('inMinutes' in template.startsIn) return Math.ceil((now.getTime() + template.startsIn.inMinutes * 60_000) / FIVE_MINUTES) * FIVE_MINUTES;
  const day = new Date(now.getTime() + 8 * HOUR + template.startsIn.days * 24 * HOUR).toISOString().slice(0, 10);
  return Date.parse(`${day}T${template.startsIn.at}:00+08:00`);
}

/** Sign-up window: open since yesterday and closing a day before the start; a past activity's closed before it. */
function signupWindow(start: number, now: Date): { signupOpensAt: string; signupDeadline: string } {
  if (start <= now.getTime()) return { signupOpensAt: iso(start - 7 * 24 * HOUR), signupDeadline: iso(start - 24 * HOUR) };
  return {
    signupOpensAt: iso(Math.floor(now.getTime() / FIVE_MINUTES) * FIVE_MINUTES - 24 * HOUR),
    signupDeadline: iso(Math.min(start, Math.max(start - 24 * HOUR, Math.ceil((now.getTime() + HOUR / 4) / FIVE_MINUTES) * FIVE_MINUTES))),
  };
}

function activityFor(template: Template, branchId: string, now: Date): ActivityRecord {
  const organiser = branchId === 'songling-zhuangzhi' ? DEMO_ACCOUNTS.find((a) => a.userId === 'demo-secretary')! : DEMO_ACCOUNTS.find((a) => a.userId === 'demo-admin')!;
  const start = startOf(template, now);
  return newActivity(
    {
      title: template.title,
      activityType: template.type,
      description: template.description,
      place: template.place,
      startAt: iso(start),
      endAt: iso(start + template.hours * HOUR),
      ...signupWindow(start, now),
      capacity: template.capacity,
      waitlistSize: template.waitlistSize,
      branchIds: [branchId],
      categories: [],
      checkInRequired: template.checkInRequired,
    },
    // The branch organises its own activities (its secretary manages them; the admin account stands in where
    // the demo has no secretary).
    { userId: organiser.userId, name: organiser.name, branchId },
    `demo-${branchId}-${template.slot}`,
    now,
  );
}

/**
 * Who registered: the demo accounts only where the template says so, and a different slice of the branch's
 * other members for each activity, so that some members are registered and some are not.
 */
function registrantsFor(template: Template, branchMembers: Member[], slotIndex: number): Member[] {
  const isDemo = (member: Member) => DEMO_ACCOUNTS.some((account) => account.userId === member.userId);
  const others = branchMembers.filter((member) => !isDemo(member));
  const shift = others.length === 0 ? 0 : (slotIndex * 3) % others.length;
  const rotated = [...others.slice(shift), ...others.slice(0, shift)];
  const ordered = template.demoAccountsRegistered ? [...branchMembers.filter(isDemo), ...rotated] : rotated;
  return ordered.slice(0, Math.min(template.registrants, template.capacity + template.waitlistSize));
}

/** The activity with its first registrants: seats first, then the waitlist in order, counters to match. */
function withRegistrations(activity: ActivityRecord, registrants: Member[], now: Date, checkedIn = 0): TransactItems {
  const registrations: RegistrationRecord[] = registrants.map((member, index) => {
    const waiting = index >= activity.capacity;
    const attended = !waiting && index < checkedIn;
    return {
      activityId: activity.id,
      userId: member.userId,
      name: member.name,
      branchId: member.branchId,
      category: member.category,
      status: waiting ? 'waitlisted' : 'confirmed',
      clientRequestId: `demo-registration-${index}`,
      registeredAt: new Date(Math.min(now.getTime(), Date.parse(activity.signupDeadline)) - (registrants.length - index) * 60_000).toISOString(),
      ...(attended ? { checkedInAt: new Date(Date.parse(activity.startAt) - (10 - (index % 10)) * 60_000).toISOString(), checkInMethod: 'qr' as const } : {}),
      ...(waiting ? { waitTicket: waitTicket(now.getTime() * 1000 + index, member.userId) } : {}),
    };
  });
  const waiting = registrations.filter((r) => r.waitTicket);
  const counted: ActivityRecord = {
    ...activity,
    confirmedCount: registrations.length - waiting.length,
    waitlistCount: waiting.length,
    lastWaitSeq: waiting.length > 0 ? now.getTime() * 1000 + registrations.length : 0,
    changeSeq: registrations.length,
  };
  const put = (Item: Record<string, unknown>) => ({ Put: { TableName: tableName(), Item } });
  return [
    { Put: { TableName: tableName(), Item: activityItem(counted), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...audienceOf(counted).map((branchId) => put(audienceItem(counted.id, branchId, counted.startAt))),
    ...registrations.map((r) => put(registrationItem(r))),
    ...waiting.map((r) => put({ ...signupKeys.waitEntry(r.activityId, r.waitTicket!), type: 'waitlist-entry', ticket: r.waitTicket, userId: r.userId })),
  ];
}

export async function seedSignupDemo(now = new Date()): Promise<string> {
  const members = demoMembers();
  let total = 0;
  let created = 0;
  for (const branch of DEMO_ORG.filter((unit) => unit.kind === 'branch')) {
    const ofBranch = members.filter((m) => m.branchId === branch.id && m.userId !== 'demo-secretary');
    for (const [slotIndex, template] of TEMPLATES.entries()) {
      total += 1;
      const activity = activityFor(template, branch.id, now);
      if ((await transact(withRegistrations(activity, registrantsFor(template, ofBranch, slotIndex), now, template.checkedIn))).committed) created += 1;
    }
  }
  return `${total} activities (${created} new)`;
}
