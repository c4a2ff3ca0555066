/**
 * EventBridge schedule expressions, as the deployed rules read them (UTC): `rate(5 minutes)` and
 * `cron(minutes hours day-of-month month day-of-week year)` with `*`, `?`, lists, ranges, steps, `L` not used here.
 * The local runtime fires each job when EventBridge would.
 */

const DAY_NAMES: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };
const MONTH_NAMES: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

type FieldSet = Set<number> | 'any';

function field(text: string, min: number, max: number, names: Record<string, number> = {}): FieldSet {
  if (text === '*' || text === '?') return 'any';
  const value = (token: string) => {
    const named = names[token.toUpperCase()];
    const number = named ?? Number(token);
    if (!Number.isInteger(number) || number < min || number > max) throw new Error(`"${token}" is out of range ${min}–${max}`);
    return number;
  };
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad step in "${part}"`);
    const [from, to] = range === '*' ? [min, max] : range.includes('-') ? (range.split('-').map(value) as [number, number]) : [value(range), stepText === undefined ? value(range) : max];
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return values;
}

const has = (set: FieldSet, value: number) => set === 'any' || set.has(value);

export interface Schedule {
  /** The next time it fires strictly after `after`. */
  next(after: Date): Date;
}

export function parseSchedule(expression: string): Schedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const unitMs = rate[2]!.startsWith('minute') ? 60_000 : rate[2]!.startsWith('hour') ? 3_600_000 : 86_400_000;
    const everyMs = Number(rate[1]) * unitMs;
    if (everyMs <= 0) throw new Error(`rate must be positive: ${expression}`);
    return { next: (after) => new Date(after.getTime() + everyMs) };
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  const parts = cron?.[1]!.trim().split(/\s+/);
  if (!parts || parts.length !== 6) throw new Error(`not an EventBridge schedule expression: ${expression}`);
  const [minutes, hours, days, months, weekdays, years] = [
    field(parts[0]!, 0, 59),
    field(parts[1]!, 0, 23),
    field(parts[2]!, 1, 31),
    field(parts[3]!, 1, 12, MONTH_NAMES),
    field(parts[4]!, 1, 7, DAY_NAMES),
    field(parts[5]!, 1970, 2199),
  ];
  return {
    next(after) {
      const at = new Date(after.getTime());
      at.setUTCSeconds(0, 0);
      at.setUTCMinutes(at.getUTCMinutes() + 1);
      // Minute by minute for at most five years: a few million steps only for an expression that never fires.
      for (let step = 0; step < 5 * 366 * 24 * 60; step += 1) {
        if (
          has(years, at.getUTCFullYear()) &&
          has(months, at.getUTCMonth() + 1) &&
          has(days, at.getUTCDate()) &&
          has(weekdays, at.getUTCDay() + 1) &&
          has(hours, at.getUTCHours()) &&
          has(minutes, at.getUTCMinutes())
        ) {
          return new Date(at.getTime());
        }
        if (!has(hours, at.getUTCHours())) at.setUTCMinutes(60);
        else at.setUTCMinutes(at.getUTCMinutes() + 1);
      }
      throw new Error(`${expression} does not fire within five years`);
    },
  };
}
