import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { CacheNote } from '../../../components/cache-note';
import { LoadingText } from '../../../components/loading-text';
import { PendingList } from '../../../components/pending-list';
import { useRequiredMember } from '../../../hooks/use-session';
import { SIGNUP_ROUTES } from '../../../routes';
import { ActivityCard } from '../../components/activity-card';
import { ChoiceRow } from '../../components/choice-row';
import { useActivityList, useMyRegistrations, type ListKind } from '../../hooks/use-lists';
import { myStatusLine } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';

type Tab = ListKind | 'mine';

function ActivityList({ tab }: { tab: ListKind }) {
  const state = useActivityList(tab, true);
  // Coming back from a detail page: seats and statuses may have changed.
  useDidShow(() => {
    if (state.data) state.reload();
  });
  const empty = { upcoming: '近期没有可以报名的活动', past: '近一年没有往期活动', organised: '还没有组织过活动' }[tab];
  return (
    <View>
      {state.loading && !state.data ? <LoadingText /> : null}
      <ErrorBanner message={state.error} onRetry={state.reload} />
      {state.data?.length === 0 ? <Text className='hint'>{empty}</Text> : null}
      {state.data?.map((item) => <ActivityCard key={item.activity.id} activity={item.activity} signupState={item.signupState} myStatus={item.myStatus} />)}
    </View>
  );
}

function MyRegistrations() {
  const mine = useMyRegistrations(true);
  useDidShow(() => {
    if (mine.data) mine.reload();
  });
  return (
    <View>
      {mine.loading && !mine.data ? <LoadingText /> : null}
      <ErrorBanner message={mine.error} onRetry={mine.reload} />
      <CacheNote staleSince={mine.staleSince} />
      <PendingList kinds={['registration']} />
      {mine.data?.items.length === 0 ? <Text className='hint'>您还没有报名任何活动</Text> : null}
      {mine.data?.items.map(({ registration, activity }) => (
        <ActivityCard key={activity.id} activity={activity} note={activity.status === 'cancelled' ? '活动已取消' : myStatusLine(registration)} />
      ))}
    </View>
  );
}

/** The capability's first page: what I may join, my registrations, past activities; organisers see theirs too. */
export default function SignupListPage() {
  const member = useRequiredMember();
  const [tab, setTab] = useState<Tab>('upcoming');
  if (!member) return null;
  const organiser = member.roles.includes('secretary') || member.roles.includes('admin');
  const tabs: Array<{ value: Tab; label: string }> = [
    { value: 'upcoming', label: '可报名' },
    { value: 'mine', label: '我的报名' },
    { value: 'past', label: '往期活动' },
    ...(organiser ? [{ value: 'organised' as const, label: '我组织的' }] : []),
  ];

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        活动报名
      </Text>
      <ChoiceRow options={tabs} chosen={[tab]} onToggle={setTab} />
      {organiser ? (
        <View>
          <ActionButton label='发起活动' onTap={() => void Taro.navigateTo({ url: SIGNUP_ROUTES.edit })} />
          <ActionButton label='支部出勤统计' variant='secondary' onTap={() => void Taro.navigateTo({ url: SIGNUP_ROUTES.report })} />
        </View>
      ) : null}
      {tab === 'mine' ? <MyRegistrations /> : <ActivityList key={tab} tab={tab} />}
    </PageRoot>
  );
}
