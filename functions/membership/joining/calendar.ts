import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * Calendar dates (`YYYY-MM-DD`) as the branch's paperwork carries them, in Asia/Shanghai. Pure arithmetic on the
 * date itself, never on an instant, so month ends and weekdays do not depend on the machine's time zone.
 */
export const SHANGHAI = 'Asia/Shanghai';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a calendar date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const fromUtc = (at: Date) => `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
const toUtc = (date: string) => {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day));
};

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The same day `months` later; a day the target month lacks becomes its last day (1 Jan 31 + one month = Feb 28,
 * or 29 in a leap year), as "within one month" is read in practice.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(day, daysInMonth(targetYear, targetMonth)))}`;
}

export function addDays(date: string, days: number): string {
  const at = toUtc(date);
  at.setUTCDate(at.getUTCDate() + days);
  return fromUtc(at);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** Public holidays and the weekend days worked instead (调休), both set per year by the State Council: settings. */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  makeupWorkdays: ReadonlySet<string>;
}

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.makeupWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = toUtc(date).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days from `from` to `to`, both included (a notice posted Monday and taken down Friday ran 5). */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  let count = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) count += 1;
  return count;
}

/** Today's date in Asia/Shanghai: a step dated today in Mohe is still today at 23:30 there (15:30 UTC). */
export function shanghaiToday(now: Date): string {
  return format(new TZDate(now.getTime(), SHANGHAI), 'yyyy-MM-dd');
}
