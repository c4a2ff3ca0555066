import { Text } from '@tarojs/components';
import { aria } from '../a11y';

export function LoadingText({ text = '正在加载…' }: { text?: string }) {
  return (
    <Text className='hint' {...aria('status')}>
      {text}
    </Text>
  );
}
