import { shanghaiYear } from './calendar';
import type { StoredRecord } from './store/learning-store';

/** Study hours credited in a year (Asia/Shanghai): completions only, each counted once, at its completion time. */
export function hoursInYear(records: readonly Pick<StoredRecord, 'completed' | 'completedAt' | 'creditedHours'>[], year: number): number {
  const total = records
    .filter((record) => record.completed && record.completedAt !== undefined && shanghaiYear(new Date(record.completedAt)) === year)
    .reduce((sum, record) => sum + Math.round(record.creditedHours * 10), 0);
  // Summed in tenths of an hour so half hours never drift as floating point.
  return total / 10;
}
