import { tz } from '@date-fns/tz';
import { format } from 'date-fns';

/** Dues months are `YYYY-MM` in Asia/Shanghai (docs/domain.md). */
const shanghai = tz('Asia/Shanghai');

export const shanghaiMonth = (at: Date): string => format(at, 'yyyy-MM', { in: shanghai });
export const shanghaiDay = (at: Date): string => format(at, 'yyyy-MM-dd', { in: shanghai });

export { addMonths, monthRange } from '../../shared/api/dues-rules';

export const yearOf = (month: string): number => Number(month.slice(0, 4));
