import { TZDate } from '@date-fns/tz';
import { MEETING_TYPES, type MeetingType, type PlanEntry, type Rhythm, type RhythmPeriod } from '../../shared/api/org-life';

/**
 * The rhythm of a branch's organisation life and the periods it is counted in, all in Asia/Shanghai: a meeting at
 * 23:30 on 31 March Beijing time (15:30 UTC) counts in Q1; one at 00:30 on 1 April Beijing time (16:30 UTC on
 * 31 March) counts in Q2. Pure functions only.
 */

const ZONE = 'Asia/Shanghai';

/**
 * Defaults from 《中国共产党支部工作条例（试行）》 (2018) and the 2019 education-and-management regulations:
 * 党员大会 quarterly, 支委会 and 党小组会 monthly, 党课 quarterly (the regulations fix only one a year by the
 * secretary; quarterly is common practice, editable), 主题党日 monthly on a fixed day, 组织生活会 and
 * 民主评议 yearly.
 */
export const DEFAULT_RHYTHM: Rhythm = {
  'branch-assembly': { period: 'quarter', times: 1 },
  committee: { period: 'month', times: 1 },
  group: { period: 'month', times: 1 },
  lecture: { period: 'quarter', times: 1 },
  'party-day': { period: 'month', times: 1, day: 15 },
  'life-meeting': { period: 'year', times: 1 },
  appraisal: { period: 'year', times: 1 },
};

interface ShanghaiParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export function shanghaiParts(at: Date): ShanghaiParts {
  const local = new TZDate(at.getTime(), ZONE);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period an instant falls in, for a rhythm period: `2026-03`, `2026-Q1` or `2026`. */
export function periodOf(period: RhythmPeriod, at: Date): string {
  const { year, month } = shanghaiParts(at);
  if (period === 'month') return `${year}-${pad(month)}`;
  if (period === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return String(year);
}

export interface PeriodBounds {
  /** First instant of the period (inclusive), UTC. */
  start: Date;
  /** First instant after the period (exclusive), UTC. */
  end: Date;
}

/** The UTC instants a Shanghai period spans. */
export function periodBounds(key: string): PeriodBounds {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  const year = /^(\d{4})$/.exec(key);
  let y: number;
  let firstMonth: number;
  let months: number;
  if (month) [y, firstMonth, months] = [Number(month[1]), Number(month[2]), 1];
  else if (quarter) [y, firstMonth, months] = [Number(quarter[1]), (Number(quarter[2]) - 1) * 3 + 1, 3];
  else if (year) [y, firstMonth, months] = [Number(year[1]), 1, 12];
  else throw new Error(`not a period: ${key}`);
  const start = new TZDate(y, firstMonth - 1, 1, ZONE);
  const end = new TZDate(y, firstMonth - 1 + months, 1, ZONE);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

/** Every period of a year for a rhythm period, in order. */
export function periodsOfYear(period: RhythmPeriod, year: number): string[] {
  if (period === 'month') return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
  if (period === 'quarter') return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return [String(year)];
}

/** The Shanghai day (`YYYY-MM-DD`) of an instant. */
export function shanghaiDay(at: Date): string {
  const { year, month, day } = shanghaiParts(at);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Where in a period a plan puts its meetings: 主题党日 on its fixed day of each month; other monthly meetings
 * in the second week; quarterly ones in the period's middle month; yearly ones in the last month (组织生活会
 * and 民主评议 are usually held at the year's end). The secretary edits the plan afterwards.
 */
function plannedDays(type: MeetingType, rule: Rhythm[MeetingType], periodKey: string): string[] {
  const { start } = periodBounds(periodKey);
  const { year, month } = shanghaiParts(start);
  const targetMonth = rule.period === 'month' ? month : rule.period === 'quarter' ? month + 1 : 12;
  const baseDay = type === 'party-day' ? (rule.day ?? 15) : rule.period === 'month' ? 10 : 15;
  // Several meetings in one period are spread a week apart from the base day (day ≤ 28 keeps every month valid).
  return Array.from({ length: rule.times }, (_, i) => `${year}-${pad(targetMonth)}-${pad(Math.min(28, baseDay + 7 * i))}`);
}

/** The year's plan generated from the rhythm: one entry per meeting due, by period then type. */
export function generateYearPlan(year: number, rhythm: Rhythm): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const type of MEETING_TYPES) {
    const rule = rhythm[type];
    for (const period of periodsOfYear(rule.period, year)) {
      for (const plannedDay of plannedDays(type, rule, period)) entries.push({ type, period, plannedDay });
    }
  }
  return entries.sort((a, b) => a.plannedDay.localeCompare(b.plannedDay) || MEETING_TYPES.indexOf(a.type) - MEETING_TYPES.indexOf(b.type));
}

export interface HeldMeeting {
  type: MeetingType;
  startAt: string;
  status: 'planned' | 'held' | 'cancelled';
}

export interface PeriodCount {
  period: string;
  type: MeetingType;
  due: number;
  held: number;
  planned: number;
  endingShort: boolean;
}

/**
 * Due against held per type and period of a year. A period "ends short" when it is within `reminderDays` of its
 * end (or over) and fewer meetings were held than due: the secretary's reminder, and the committee's flag.
 */
export function dueAgainstHeld(year: number, rhythm: Rhythm, meetings: HeldMeeting[], now: Date, reminderDays: number): PeriodCount[] {
  const rows: PeriodCount[] = [];
  for (const type of MEETING_TYPES) {
    const rule = rhythm[type];
    if (rule.times === 0) continue;
    for (const period of periodsOfYear(rule.period, year)) {
      const { start, end } = periodBounds(period);
      if (start > now) continue;
      const inPeriod = meetings.filter((m) => m.type === type && m.status !== 'cancelled' && Date.parse(m.startAt) >= start.getTime() && Date.parse(m.startAt) < end.getTime());
      const held = inPeriod.filter((m) => m.status === 'held').length;
      const planned = inPeriod.filter((m) => m.status === 'planned').length;
      const remindFrom = end.getTime() - reminderDays * 86_400_000;
      rows.push({ period, type, due: rule.times, held, planned, endingShort: held < rule.times && now.getTime() >= remindFrom });
    }
  }
  return rows;
}

/**
 * Quorum where the regulations set one: a 党员大会 vote needs more than half of the members entitled to vote
 * present (probationary members attend but have no vote); a 支委会 needs at least half of the committee.
 * Other meetings have no quorum.
 */
export function quorum(type: MeetingType, entitled: number, present: number): { rule: string; entitled: number; present: number; met: boolean } | undefined {
  if (type === 'branch-assembly') {
    const met = present * 2 > entitled;
    return { rule: `应到有表决权党员 ${entitled} 人，实到 ${present} 人，${met ? '超过半数，可以表决' : '未超过半数，不能表决'}`, entitled, present, met };
  }
  if (type === 'committee') {
    const met = present * 2 >= entitled;
    return { rule: `应到支委 ${entitled} 人，实到 ${present} 人，${met ? '达到半数，可以开会' : '不足半数'}`, entitled, present, met };
  }
  return undefined;
}
