/** Today's date in Asia/Shanghai (YYYY-MM-DD), whatever the phone's time zone. */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
