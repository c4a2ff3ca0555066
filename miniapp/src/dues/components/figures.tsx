import { View } from '@tarojs/components';
import { formatYuan, type CollectionFigures } from '@shared/api';
import { InfoRow } from '../../components/info-row';

export const rateLabel = (bp: number) => `${(bp / 100).toFixed(2)}%`;

/** Due, paid, outstanding and collection rate: the same lines in reports and the public summary. */
export function Figures({ figures }: { figures: CollectionFigures }) {
  return (
    <View>
      <InfoRow label='缴费人数' value={`${figures.members} 人`} />
      <InfoRow label='应缴' value={`${formatYuan(figures.dueFen)} 元`} />
      <InfoRow label='已缴' value={`${formatYuan(figures.paidFen)} 元`} />
      <InfoRow label='未缴' value={`${formatYuan(figures.outstandingFen)} 元`} />
      <InfoRow label='自愿多缴' value={`${formatYuan(figures.voluntaryFen)} 元`} />
      <InfoRow label='收缴率' value={rateLabel(figures.collectionRateBp)} />
    </View>
  );
}
