import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { duesApi, formatYuan } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useRequiredMember } from '../../../hooks/use-session';
import { DUES_ROUTES, withQuery } from '../../../routes';
import { call } from '../../../services/api';
import { BranchPicker } from '../../components/branch-picker';
import { useBranchRoster } from '../../hooks/use-branch';
import { useKeyedAsync } from '../../hooks/use-keyed';
import { monthLabel } from '../../hooks/staff';
import { PageRoot } from '../../../components/page-root';
import '../../dues.css';

/** Who has unpaid months; six in a row is for the branch to talk about — the platform never removes anyone. */
export default function ArrearsPage() {
  const member = useRequiredMember();
  const branch = useBranchRoster(member);
  const arrears = useKeyedAsync(branch.branchId, () => call(duesApi.arrears, { query: { branchId: branch.branchId } }), member !== null && branch.branchId !== '');
  if (!member) return null;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        欠缴提醒
      </Text>
      <BranchPicker enabled={branch.canSwitch} branchId={branch.branchId} onPick={branch.setBranchId} />
      {arrears.loading ? <LoadingText /> : null}
      <ErrorBanner message={arrears.error} onRetry={arrears.reload} />
      {arrears.data?.members.length === 0 ? <Text className='dues-ok'>本支部没有欠缴的党费</Text> : null}
      {arrears.data?.members.map((person) => (
        <View key={person.userId} className='card'>
          <View className='dues-row'>
            <Text className='card-title'>{person.name}</Text>
            <Text className='dues-amount'>{`${formatYuan(person.outstandingFen)} 元`}</Text>
          </View>
          <Text className='card-summary'>{`未缴：${person.unpaidMonths.map(monthLabel).join('、')}`}</Text>
          {person.flagged ? (
            <Text className='hint dues-flag'>{`已连续 ${person.consecutiveMonths} 个月未缴。请支部了解情况、谈心提醒；是否按自行脱党处理须经支部大会讨论并报上级批准，平台不会自动处置。`}</Text>
          ) : null}
          <ActionButton label={`为${person.name}登记线下缴纳`} variant='secondary' onTap={() => void Taro.navigateTo({ url: withQuery(DUES_ROUTES.offline, { userId: person.userId, name: person.name }) })} />
        </View>
      ))}
    </PageRoot>
  );
}
