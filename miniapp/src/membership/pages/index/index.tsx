import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { membershipApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { EntryCard } from '../../../components/entry-card';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { MEMBERSHIP_ROUTES } from '../../../routes';
import { call } from '../../../services/api';
import { isBranchManager, stageLabel, stepLabel } from '../../services/labels';
import '../../membership.css';

const open = (url: string) => void Taro.navigateTo({ url });

/** My record: standing, the joining steps as recorded, and the way to the card, a card check and transfers. */
export default function MyRecordPage() {
  const member = useRequiredMember();
  const reply = useAsync(() => call(membershipApi.myRecord), member !== null);
  if (!member) return null;
  const record = reply.data?.record;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        我的党员档案
      </Text>
      {reply.loading && !reply.data ? <LoadingText /> : null}
      <ErrorBanner message={reply.error} onRetry={reply.reload} />
      {reply.data && !record ? <Text className='hint'>支部还没有为您建立党员档案。如需办理组织关系转接，请联系支部书记。</Text> : null}
      {record ? (
        <View className='card'>
          <InfoRow label='姓名' value={record.name} />
          <InfoRow label='身份' value={stageLabel(record.stage)} />
          <InfoRow label='身份证号' value={record.idNumberMasked} />
          {record.standingSince ? <InfoRow label='入党时间' value={record.standingSince} /> : null}
        </View>
      ) : null}
      {record && record.steps.length > 0 ? <Text className='section-title'>入党进程</Text> : null}
      {(record?.steps ?? []).map((step, index) => (
        <View key={`${step.kind}-${index}`} className='step-row'>
          <Text className='step-row__title'>{`${step.date} ${stepLabel(step.kind)}`}</Text>
          <Text className='step-row__detail'>{step.basis}</Text>
        </View>
      ))}
      <Text className='section-title'>数字身份</Text>
      <EntryCard title='电子党员证' summary='出示二维码，他人离线也能验证' onTap={() => open(MEMBERSHIP_ROUTES.card)} />
      <EntryCard title='验证党员证' summary='核验他人出示的电子党员证' onTap={() => open(MEMBERSHIP_ROUTES.verify)} />
      <EntryCard title='组织关系转接' summary='介绍信、接收与回执' onTap={() => open(MEMBERSHIP_ROUTES.transfers)} />
      <EntryCard title='档案链校验' summary='核对档案每一步记录是否被改动' onTap={() => open(MEMBERSHIP_ROUTES.history)} />
      {isBranchManager(member.roles) ? <EntryCard title='发展党员' summary='入党申请人、积极分子、发展对象和预备党员的进程与时限' onTap={() => open(MEMBERSHIP_ROUTES.people)} /> : null}
    </PageRoot>
  );
}
