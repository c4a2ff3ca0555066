import { tz } from '@date-fns/tz';
import { addDays, format, getISOWeek, getISOWeekYear, startOfISOWeek, subMonths } from 'date-fns';

/** Calendar rules of the capability, all in Asia/Shanghai: study years, ISO push weeks, quiet hours. */
const shanghai = tz('Asia/Shanghai');

export const shanghaiYear = (at: Date) => Number(format(at, 'yyyy', { in: shanghai }));
export const shanghaiMonth = (at: Date) => format(at, 'yyyy-MM', { in: shanghai });
export const shanghaiDay = (at: Date) => format(at, 'yyyy-MM-dd', { in: shanghai });

/** `2026-W07`: the push week, so one member gets at most one weekly push per week. */
export function isoWeekOf(at: Date): string {
  const week = getISOWeek(at, { in: shanghai });
  return `${getISOWeekYear(at, { in: shanghai })}-W${String(week).padStart(2, '0')}`;
}

/** The ISO weeks before `week` (most recent first), for attributing completions to recent pushes. */
export function previousWeeks(at: Date, count: number): string[] {
  const monday = startOfISOWeek(at, { in: shanghai });
  return Array.from({ length: count }, (_, index) => isoWeekOf(addDays(monday, -7 * index)));
}

/** Months (yyyy-MM) from `months - 1` months ago up to this one. */
export function recentMonths(at: Date, months: number): string[] {
  return Array.from({ length: months }, (_, index) => shanghaiMonth(subMonths(at, index, { in: shanghai })));
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `at` falls in the quiet hours [start, end) in Shanghai; a window may wrap midnight (21:00–08:00). */
export function inQuietHours(at: Date, quiet: { start: string; end: string }): boolean {
  const now = minutesOf(format(at, 'HH:mm', { in: shanghai }));
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** Whole days from the Shanghai day of `at` to `day` (negative once it has passed). */
export function daysUntil(day: string, at: Date): number {
  const today = Date.parse(`${shanghaiDay(at)}T00:00:00Z`);
  return Math.round((Date.parse(`${day}T00:00:00Z`) - today) / 86_400_000);
}
