import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ActivityDetail } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PendingList } from '../../../components/pending-list';
import { useRequiredMember } from '../../../hooks/use-session';
import { useActivity } from '../../hooks/use-activity';
import { useShareActivity } from '../../hooks/use-share-activity';
import { useBranches } from '../../hooks/use-lists';
import { SIGNUP_STATE_LABELS, audienceLine, memberActions, myStatusLine, outcomeToShow, seatsLine, typeLabel } from '../../services/labels';
import { dayAndTime, timeRange } from '../../services/time';
import { CheckinPanel } from './checkin-panel';
import { OrganiserPanel } from './organiser-panel';
import { PageRoot } from '../../../components/page-root';
import '../../signup.css';

function MyStatus({ detail }: { detail: ActivityDetail }) {
  const mine = detail.myRegistration;
  if (!mine) return null;
  const tone = mine.status === 'confirmed' ? '' : mine.status === 'waitlisted' ? 'signup-status--waiting' : 'signup-status--cancelled';
  return (
    <Text className={`signup-status ${tone}`} {...aria('status')}>
      {myStatusLine(mine)}
    </Text>
  );
}

export default function ActivityDetailPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const id = params.id ?? '';
  const page = useActivity(id, member !== null);
  const branches = useBranches(member !== null);
  useShareActivity(page.data, id);
  if (!member) return null;
  const detail = page.data;
  const branchName = (branchId: string) => branches.data?.find((b) => b.id === branchId)?.name ?? branchId;
  const actions = detail ? memberActions(detail) : null;

  return (
    <PageRoot>
      {page.loading && !detail ? <LoadingText /> : null}
      <ErrorBanner message={page.error} onRetry={page.reload} />
      {detail ? (
        <View>
          <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
            {detail.activity.title}
          </Text>
          <View className='signup-card__head'>
            <Text className='signup-tag'>{typeLabel(detail.activity)}</Text>
            <Text className={`signup-state signup-state--${detail.signupState}`}>{SIGNUP_STATE_LABELS[detail.signupState]}</Text>
          </View>
          <MyStatus detail={detail} />
          <ErrorBanner message={page.action.error} />
          <PendingList kinds={['registration']} />
          {outcomeToShow(page.action.done, detail) ? <Text className='signup-done' {...aria('status')}>{outcomeToShow(page.action.done, detail)}</Text> : null}
          {actions?.register ? (
            <ActionButton label={detail.activity.seatsLeft > 0 ? '我要报名' : '报名候补'} disabled={page.action.busy} onTap={page.register} />
          ) : null}
          {actions?.cancel ? (
            <ActionButton label='取消报名' variant='secondary' disabled={page.action.busy} onTap={page.cancel} />
          ) : null}
          {!detail.eligible ? <Text className='hint'>该活动不面向您所在的支部或党员类别</Text> : null}
          {detail.checkInOpen && detail.myRegistration?.status === 'confirmed' ? (
            <CheckinPanel registration={detail.myRegistration} busy={page.action.busy} onScan={page.scanToCheckIn} onCode={page.checkIn} />
          ) : null}
          <View className='card'>
            <InfoRow label='时间' value={timeRange(detail.activity.startAt, detail.activity.endAt)} />
            <InfoRow label='地点' value={detail.activity.place} />
            <InfoRow label='名额' value={seatsLine(detail.activity)} />
            <InfoRow label='报名开始' value={dayAndTime(detail.activity.signupOpensAt)} />
            <InfoRow label='报名截止' value={dayAndTime(detail.activity.signupDeadline)} />
            <InfoRow label='参加对象' value={audienceLine(detail.activity, branchName)} />
            <InfoRow label='签到' value={detail.activity.checkInRequired ? '现场扫码签到（不需要定位）' : '无需签到'} />
            <InfoRow label='组织人' value={detail.activity.organiser.name} />
            {detail.activity.cancelReason ? <InfoRow label='取消原因' value={detail.activity.cancelReason} /> : null}
            {detail.activity.description ? <Text className='signup-description'>{detail.activity.description}</Text> : null}
          </View>
          {detail.canManage ? <OrganiserPanel detail={detail} busy={page.action.busy} onCancel={page.cancelActivity} /> : null}
        </View>
      ) : null}
    </PageRoot>
  );
}
