/**
 * Times are stored as UTC instants and shown in Beijing time. China has kept UTC+8 all year since 1991, so a
 * fixed offset is exact and keeps a time-zone library out of the mini-program's package.
 */
const OFFSET_MS = 8 * 3_600_000;

export const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar fields of an instant (ISO text or epoch ms) as a clock in Beijing reads them. */
export function beijingParts(instant: string | number) {
  const d = new Date((typeof instant === 'number' ? instant : Date.parse(instant)) + OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** "更新于 11月24日 17:30" in Beijing time, as the member reads it. */
export function updatedAtText(savedAt: number): string {
  const t = beijingParts(savedAt);
  return `更新于 ${t.month}月${t.day}日 ${pad(t.hour)}:${pad(t.minute)}`;
}
