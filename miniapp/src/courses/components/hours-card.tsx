import { Text, View } from '@tarojs/components';
import type { MyStudy } from '@shared/api';
import { aria } from '../../components/a11y';
import { ProgressBar } from './progress-bar';

/** The member's own year: hours earned against the yearly requirement (never compared with anyone). */
export function HoursCard({ study, onTap }: { study: MyStudy; onTap?: () => void }) {
  const label = `${study.year} 年已学 ${study.completedHours} 学时，要求 ${study.requiredHours} 学时`;
  return (
    <View className='card' {...(onTap ? aria('link', `${label}，查看我的学时`) : {})} onClick={onTap}>
      <Text className='card-title'>{`${study.year} 年学习学时`}</Text>
      <Text className='course-figure' aria-label={label}>{`${study.completedHours} / ${study.requiredHours}`}</Text>
      <ProgressBar ratio={study.completedHours / study.requiredHours} label={label} />
      <Text className='card-summary'>{study.remainingHours > 0 ? `还差 ${study.remainingHours} 学时` : '已完成本年度学时要求'}</Text>
    </View>
  );
}
