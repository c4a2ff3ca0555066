import { Text } from '@tarojs/components';
import { updatedAtText } from '../../services/cache';
import { aria } from '../a11y';

/** Under a list shown from the device's copy: the network is gone, and how old what the member sees is. */
export function CacheNote({ staleSince }: { staleSince: number | null }) {
  if (staleSince === null) return null;
  return (
    <Text className='muted cache-note' {...aria('status')}>
      {`网络不可用，显示的是保存在手机上的内容（${updatedAtText(staleSince)}）`}
    </Text>
  );
}
