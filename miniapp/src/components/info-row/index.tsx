import { Text, View } from '@tarojs/components';
import './index.css';

/** One "label: value" line of a profile. */
export function InfoRow({ label, value }: { label: string; value: string }) {
  return (
    <View className='info-row'>
      <Text className='info-row__label'>{label}</Text>
      <Text className='info-row__value'>{value}</Text>
    </View>
  );
}
