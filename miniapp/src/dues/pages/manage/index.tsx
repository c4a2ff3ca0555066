import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { aria } from '../../../components/a11y';
import { EntryCard } from '../../../components/entry-card';
import { useRequiredMember } from '../../../hooks/use-session';
import { DUES_ROUTES } from '../../../routes';
import { isBranchStaff, isFinance } from '../../hooks/staff';
import { PageRoot } from '../../../components/page-root';

const open = (url: string) => void Taro.navigateTo({ url });

/** The finance officer's and branch secretary's dues work. */
export default function ManagePage() {
  const member = useRequiredMember();
  if (!member) return null;
  if (!isBranchStaff(member)) return <Text className='hint'>党费管理仅向支部书记和党费管理员开放。</Text>;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        党费管理
      </Text>
      <EntryCard title='党费基数' summary={isFinance(member) ? '每年核定一次；可逐人设置或导入表格' : '查看本支部党员的基数'} onTap={() => open(DUES_ROUTES.bases)} />
      <EntryCard title='登记线下缴纳' summary='现金或转账，可按季度、代缴、补缴' onTap={() => open(DUES_ROUTES.offline)} />
      <EntryCard title='困难减免' summary='登记经批准的少缴或免缴' onTap={() => open(DUES_ROUTES.hardship)} />
      <EntryCard title='欠缴提醒' summary='未缴月份；连续 6 个月未缴的党员需支部了解情况' onTap={() => open(DUES_ROUTES.arrears)} />
      <EntryCard title='收缴报表与账本核验' summary='应缴、已缴、收缴率，导出表格，公示，核验账本' onTap={() => open(DUES_ROUTES.reports)} />
    </PageRoot>
  );
}
