import { TZDate } from '@date-fns/tz';

/** Assessment periods are quarters of the Chinese calendar year, `YYYY-Qn`, bounded in Asia/Shanghai. */
const ZONE = 'Asia/Shanghai';

export const periodsOf = (year: string): string[] => [1, 2, 3, 4].map((quarter) => `${year}-Q${quarter}`);
export const yearOfPeriod = (period: string): string => period.slice(0, 4);

/** First instant of the period and first instant after it, as UTC ISO strings. */
export function periodRange(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(6));
  const from = new TZDate(year, (quarter - 1) * 3, 1, ZONE);
  const to = new TZDate(year, quarter * 3, 1, ZONE);
  return { from: new Date(from.getTime()).toISOString(), to: new Date(to.getTime()).toISOString() };
}

/** The months (`YYYY-MM`) of a period. */
export function periodMonths(period: string): string[] {
  const quarter = Number(period.slice(6));
  return [0, 1, 2].map((offset) => `${period.slice(0, 4)}-${String((quarter - 1) * 3 + offset + 1).padStart(2, '0')}`);
}

/** A year's scheme is frozen from the first instant of its first period. */
export const schemeFrozen = (year: string, now: Date): boolean => now.getTime() >= Date.parse(periodRange(`${year}-Q1`).from);

/** A period has begun (its figures can exist) by `now`. */
export const periodBegun = (period: string, now: Date): boolean => now.getTime() >= Date.parse(periodRange(period).from);

/** The period `now` falls in. */
export function currentPeriod(now: Date): string {
  const local = new TZDate(now.getTime(), ZONE);
  return `${local.getFullYear()}-Q${Math.floor(local.getMonth() / 3) + 1}`;
}
