import { Text } from '@tarojs/components';
import type { BillStatus } from '@shared/api';

const LABELS: Record<BillStatus, string> = { unpaid: '待缴纳', paid: '已缴纳', exempt: '已减免' };

export function BillStatusTag({ status }: { status: BillStatus }) {
  return <Text className={`dues-tag dues-tag--${status}`}>{LABELS[status]}</Text>;
}
