import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { noticesApi, type FailedNotice, type RedriveResult } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call, messageOf } from '../../../services/api';
import { beijingParts, pad } from '../../../services/beijing-time';
import '../../courses.css';

const OUTCOME_TEXT: Record<RedriveResult['outcome'], string> = {
  sent: '已重新发送',
  pending: '这次仍未发出，稍后会自动重试',
  failed: '仍然发送失败，请检查原因后再试',
  busy: '这条消息正在发送中',
  'lease-lost': '这条消息已由其他任务接手发送',
};

const dateTime = (iso: string) => {
  const t = beijingParts(iso);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
};

/** Admins: every notice the outbox gave up on (any capability's), its reason, and 重新发送 for each. */
export default function FailedNoticesPage() {
  const member = useRequiredMember();
  const failed = useAsync(() => call(noticesApi.failedNotices), member !== null);
  const [sending, setSending] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;

  const redrive = (notice: FailedNotice) => {
    setSending(notice.key);
    setError(null);
    setMessage(null);
    call(noticesApi.redriveNotice, { body: { key: notice.key } })
      .then((result) => setMessage(`${notice.title}（${notice.recipients} 人）：${OUTCOME_TEXT[result.outcome]}`))
      .catch((reason: unknown) => setError(messageOf(reason)))
      .finally(() => {
        setSending(null);
        failed.reload();
      });
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        发送失败的消息
      </Text>
      <Text className='muted'>企业微信多次重试仍未发出的消息。确认原因已排除（如企业微信已恢复）后，可重新发送；已发出的部分不会重复发送。</Text>
      {message ? <Text className='hint' {...aria('status')}>{message}</Text> : null}
      <ErrorBanner message={error} />
      {failed.loading && !failed.data ? <LoadingText /> : null}
      <ErrorBanner message={failed.error} onRetry={failed.reload} />
      {failed.data?.notices.length === 0 ? <Text className='hint'>没有发送失败的消息</Text> : null}
      {failed.data?.notices.map((notice) => (
        <View key={notice.key} className='card'>
          <Text className='card-title'>{`${notice.title} · ${notice.description}`}</Text>
          <InfoRow label='接收人数' value={`${notice.recipients} 人`} />
          <InfoRow label='失败原因' value={notice.lastError ?? '未知原因'} />
          <InfoRow label='已尝试' value={`${notice.attempts} 次`} />
          <InfoRow label='最后失败' value={dateTime(notice.failedAt ?? notice.createdAt)} />
          <ActionButton label={`重新发送：${notice.title}`} variant='secondary' disabled={sending !== null} onTap={() => redrive(notice)}>
            {sending === notice.key ? '正在发送…' : '重新发送'}
          </ActionButton>
        </View>
      ))}
    </PageRoot>
  );
}
