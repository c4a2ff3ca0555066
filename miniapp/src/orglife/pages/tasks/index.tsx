import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { orgLifeApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call, messageOf } from '../../../services/api';
import '../../orglife.css';

/** Tasks the meetings' resolutions gave me: what, by when, and closing one with its result. */
export default function TasksPage() {
  const member = useRequiredMember();
  const state = useAsync(async () => (await call(orgLifeApi.listTasks, { query: { mine: 'true' } })).items, member !== null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;
  const close = async (meetingId: string, taskId: string) => {
    try {
      await call(orgLifeApi.closeTask, { params: { id: meetingId, taskId }, body: { note: note.trim() } });
      setNote('');
      state.reload();
    } catch (reason) {
      setError(messageOf(reason));
    }
  };
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        我的会议任务
      </Text>
      {state.loading && !state.data ? <LoadingText /> : null}
      <ErrorBanner message={state.error ?? error} onRetry={state.reload} />
      {state.data?.length === 0 ? <Text className='hint'>没有交办给您的任务</Text> : null}
      <Input className='field__input' value={note} placeholder='办理结果' aria-label='办理结果' onInput={(event) => setNote(event.detail.value)} />
      {state.data?.map((task) => (
        <View key={task.id} className='card'>
          <Text className='card-title'>{task.title}</Text>
          <Text className='card-summary'>{`完成日期：${task.dueDate}${task.overdue ? '（已逾期）' : ''}`}</Text>
          {task.status === 'open' ? <ActionButton label='办结' disabled={note.trim().length < 2} onTap={() => void close(task.meetingId, task.id)} /> : <Text className='hint'>{`已办结：${task.doneNote ?? ''}`}</Text>}
        </View>
      ))}
    </PageRoot>
  );
}
