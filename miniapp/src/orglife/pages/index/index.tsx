import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { orgLifeApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { CacheNote } from '../../../components/cache-note';
import { EntryCard } from '../../../components/entry-card';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { PendingList } from '../../../components/pending-list';
import { useCachedCall } from '../../../hooks/use-cached';
import { useRequiredMember } from '../../../hooks/use-session';
import { ORG_LIFE_ROUTES, withQuery } from '../../../routes';
import { meetingTime, meetingTitle, statusLabel } from '../../labels';
import '../../orglife.css';

type Scope = 'upcoming' | 'past';

/** A member's meetings to come and those held (minutes of the ones attended); the secretary's entries to run the branch's year. */
export default function OrgLifePage() {
  const member = useRequiredMember();
  const [scope, setScope] = useState<Scope>('upcoming');
  const list = useCachedCall(orgLifeApi.listMeetings, `orglife.meetings.${scope}`, { query: { scope } }, member !== null);
  useDidShow(() => {
    if (list.data) list.reload();
  });
  if (!member) return null;
  const manages = member.roles.includes('secretary') || member.roles.includes('admin');
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        组织生活
      </Text>
      {manages ? (
        <View>
          <ActionButton label='计划会议' onTap={() => void Taro.navigateTo({ url: ORG_LIFE_ROUTES.plan })} />
          <EntryCard title='落实情况' summary='应开与已开、待办和逾期任务' onTap={() => void Taro.navigateTo({ url: ORG_LIFE_ROUTES.overview })} />
          <EntryCard title='年度计划' summary='按规定节奏生成，可逐项调整；导出全年记录' onTap={() => void Taro.navigateTo({ url: ORG_LIFE_ROUTES.yearPlan })} />
        </View>
      ) : null}
      <EntryCard title='民主评议' summary='匿名投票，查看本人评议结果' onTap={() => void Taro.navigateTo({ url: ORG_LIFE_ROUTES.appraisal })} />
      <EntryCard title='我的会议任务' summary='会议决议交办给我的事项' onTap={() => void Taro.navigateTo({ url: ORG_LIFE_ROUTES.tasks })} />
      <PendingList kinds={['meeting-checkin', 'meeting-leave']} />
      <View className='choice-row'>
        <ActionButton label='近期会议' variant={scope === 'upcoming' ? 'primary' : 'secondary'} onTap={() => setScope('upcoming')} />
        <ActionButton label='往期会议' variant={scope === 'past' ? 'primary' : 'secondary'} onTap={() => setScope('past')} />
      </View>
      {list.loading && !list.data ? <LoadingText /> : null}
      <ErrorBanner message={list.error} onRetry={list.reload} />
      <CacheNote staleSince={list.staleSince} />
      {list.data?.items.length === 0 ? <Text className='hint'>{scope === 'upcoming' ? '近期没有需要您参加的会议' : '近半年没有往期会议'}</Text> : null}
      {list.data?.items.map(({ meeting, myStatus }) => (
        <View
          key={meeting.id}
          className='card'
          {...aria('link', meetingTitle(meeting))}
          onClick={() => void Taro.navigateTo({ url: withQuery(ORG_LIFE_ROUTES.meeting, { id: meeting.id }) })}
        >
          <Text className='card-title'>{meetingTitle(meeting)}</Text>
          <Text className='card-summary'>{`${meetingTime(meeting)}　${meeting.online ? '线上' : meeting.place}`}</Text>
          <Text className='orglife-tag'>{meeting.status === 'cancelled' ? '已取消' : statusLabel(myStatus)}</Text>
        </View>
      ))}
    </PageRoot>
  );
}
