import { View } from '@tarojs/components';

/** A horizontal bar for a share (0–1) with its meaning read out to screen readers. */
export function ProgressBar({ ratio, label }: { ratio: number; label: string }) {
  const width = `${Math.max(0, Math.min(1, ratio)) * 100}%`;
  return (
    <View className='course-bar' aria-label={label}>
      <View className='course-bar__fill' style={{ width }} />
    </View>
  );
}
