import { Text, View } from '@tarojs/components';
import type { OutboxKind } from '../../services/outbox/requests';
import { dismissNotices, flushOutbox } from '../../services/outbox';
import { usePending } from '../../hooks/use-pending';
import { aria } from '../a11y';
import './index.css';

/**
 * "待发送": what the member wrote without a network, waiting on the phone and sent by itself later, and
 * what could not be sent or kept (so nothing vanishes silently). `kinds` narrows it to one page's writes.
 */
export function PendingList({ kinds }: { kinds?: readonly OutboxKind[] }) {
  const { items, notices } = usePending();
  const shown = kinds ? items.filter((item) => kinds.includes(item.kind)) : items;
  if (shown.length === 0 && notices.length === 0) return null;
  return (
    <View className='pending-list' {...aria('status')}>
      {shown.length > 0 ? (
        <View>
          <Text className='pending-list__title'>{`待发送（${shown.length}）：联网后自动提交`}</Text>
          {shown.map((item) => (
            <Text key={item.id} className='pending-list__item'>{`${item.label} · 待发送`}</Text>
          ))}
          <Text className='pending-list__action' {...aria('button', '立即重试发送')} onClick={() => void flushOutbox(true)}>
            立即重试
          </Text>
        </View>
      ) : null}
      {notices.map((notice) => (
        <Text key={notice.id} className='pending-list__problem'>{`未能发送：${notice.label}。${notice.message}`}</Text>
      ))}
      {notices.length > 0 ? (
        <Text className='pending-list__action' {...aria('button', '知道了，不再显示未能发送的提示')} onClick={dismissNotices}>
          知道了
        </Text>
      ) : null}
    </View>
  );
}
