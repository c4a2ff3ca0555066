import { beijingParts as beijing, pad } from '../../services/beijing-time';

const WEEKDAYS = '日一二三四五六';

/** "09:30" */
export function clockTime(iso: string): string {
  const t = beijing(iso);
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/** "5月1日（周五）09:30" */
export function dayAndTime(iso: string): string {
  const t = beijing(iso);
  return `${t.month}月${t.day}日（周${WEEKDAYS[t.weekday]}）${clockTime(iso)}`;
}

/** "5月1日（周五）09:30–11:30", or both full dates when the activity spans days. */
export function timeRange(startIso: string, endIso: string): string {
  const start = beijing(startIso);
  const end = beijing(endIso);
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  return sameDay ? `${dayAndTime(startIso)}–${clockTime(endIso)}` : `${dayAndTime(startIso)} 至 ${dayAndTime(endIso)}`;
}

/** The date and time fields of a form, in Beijing time: { date: 'YYYY-MM-DD', time: 'HH:mm' }. */
export function toFormParts(iso: string): { date: string; time: string } {
  const t = beijing(iso);
  return { date: `${t.year}-${pad(t.month)}-${pad(t.day)}`, time: `${pad(t.hour)}:${pad(t.minute)}` };
}

/** Back from the form's Beijing date and time to a UTC instant. */
export function fromFormParts(date: string, time: string): string {
  return new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();
}

/** Today in Beijing, 'YYYY-MM-DD', moved by whole days. */
export function beijingDay(offsetDays = 0, now = Date.now()): string {
  return toFormParts(new Date(now + offsetDays * 86_400_000).toISOString()).date;
}
