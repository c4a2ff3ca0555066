import { tz } from '@date-fns/tz';
import { format } from 'date-fns';

/** Times are stored in UTC and shown in Asia/Shanghai: an instant as a file or report prints it, to the minute. */
export const shanghaiMinute = (instant: string): string => format(new Date(instant), 'yyyy-MM-dd HH:mm', { in: tz('Asia/Shanghai') });
