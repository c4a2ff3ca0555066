import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { AUDIENCE_LABELS, orgLifeApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { meetingTime, meetingTitle, statusLabel } from '../../labels';
import { ManagerPanel } from './manager-panel';
import { MemberPanel } from './member-panel';
import '../../orglife.css';

/** One meeting: when and where, my attendance (check in, 请假), its minutes once held; the secretary runs it from here. */
export default function MeetingPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const id = params.id ?? '';
  const state = useAsync(() => call(orgLifeApi.getMeeting, { params: { id } }), member !== null && id !== '');
  if (!member) return null;
  const detail = state.data;
  return (
    <PageRoot>
      {state.loading && !detail ? <LoadingText /> : null}
      <ErrorBanner message={state.error} onRetry={state.reload} />
      {detail ? (
        <View>
          <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
            {meetingTitle(detail.meeting)}
          </Text>
          <View className='card'>
            <Text className='card-summary'>{`时间：${meetingTime(detail.meeting)}`}</Text>
            <Text className='card-summary'>{`${detail.meeting.online ? '线上' : '地点'}：${detail.meeting.place}`}</Text>
            <Text className='card-summary'>{`参会：${AUDIENCE_LABELS[detail.meeting.audience]}（${detail.meeting.attendeeCount} 人）`}</Text>
            {detail.meeting.status === 'cancelled' ? <Text className='orglife-short'>{`会议已取消：${detail.meeting.cancelReason ?? ''}`}</Text> : null}
            {detail.myAttendance ? <Text className='orglife-tag'>{`我的出勤：${statusLabel(detail.myAttendance.status)}`}</Text> : null}
          </View>
          <MemberPanel detail={detail} onChanged={state.reload} />
          {detail.minutes !== undefined ? (
            <View className='card'>
              <Text className='card-title'>会议记录</Text>
              <Text className='card-summary'>{detail.minutes}</Text>
              {(detail.resolutions ?? []).map((r) => <Text key={r.id} className='card-summary'>{`决议：${r.text}`}</Text>)}
            </View>
          ) : null}
          {detail.canManage ? <ManagerPanel detail={detail} onChanged={state.reload} /> : null}
        </View>
      ) : null}
    </PageRoot>
  );
}
