/** Times shown to members are Beijing time: UTC+8 all year since 1991, so a fixed offset is exact. */
const OFFSET_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "更新于 11月24日 17:30" in Beijing time, as the member reads it. */
export function updatedAtText(savedAt: number): string {
  const t = new Date(savedAt + OFFSET_MS);
  return `更新于 ${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}
