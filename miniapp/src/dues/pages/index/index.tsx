import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { duesApi, formatYuan } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { EntryCard } from '../../../components/entry-card';
import { ErrorBanner } from '../../../components/error-banner';
import { CacheNote } from '../../../components/cache-note';
import { LoadingText } from '../../../components/loading-text';
import { useCachedCall } from '../../../hooks/use-cached';
import { useRequiredMember } from '../../../hooks/use-session';
import { DUES_ROUTES, withQuery } from '../../../routes';
import { BillStatusTag } from '../../components/bill-status';
import { isBranchStaff, monthLabel, shanghaiNow } from '../../hooks/staff';
import { PageRoot } from '../../../components/page-root';
import { billsCacheName } from '../../services/payment-result';
import '../../dues.css';

const open = (url: string) => void Taro.navigateTo({ url });

/** My dues: this year's bills by month, what is due, and the way to my ledger entries. */
export default function MyDuesPage() {
  const member = useRequiredMember();
  const [year, setYear] = useState(shanghaiNow().year);
  // Kept on the phone per year: a member at a remote station still sees what is due.
  const reply = useCachedCall(duesApi.listBills, billsCacheName(year), { query: { year } }, member !== null);
  const bills = { ...reply, data: reply.data?.bills ?? null };
  if (!member) return null;
  const unpaid = (bills.data ?? []).filter((bill) => bill.status === 'unpaid');
  const paid = (bills.data ?? []).filter((bill) => bill.status === 'paid');

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        我的党费
      </Text>
      <View className='dues-years'>
        <ActionButton label='上一年' variant='secondary' onTap={() => setYear(year - 1)} />
        <Text className='section-title'>{`${year}年`}</Text>
        <ActionButton label='下一年' variant='secondary' disabled={year >= shanghaiNow().year} onTap={() => setYear(year + 1)} />
      </View>
      {bills.loading && !bills.data ? <LoadingText /> : null}
      <ErrorBanner message={bills.error} onRetry={bills.reload} />
      <CacheNote staleSince={bills.staleSince} />
      {bills.data ? (
        <Text className='hint'>
          {unpaid.length > 0
            ? `待缴 ${unpaid.length} 个月，共 ${formatYuan(unpaid.reduce((sum, bill) => sum + bill.amountFen, 0))} 元`
            : `本年度已缴 ${paid.length} 个月，没有待缴的党费`}
        </Text>
      ) : null}
      {bills.data?.length === 0 ? <Text className='hint'>本年度还没有党费账单。账单每月初生成；如有疑问请联系支部。</Text> : null}
      {(bills.data ?? []).map((bill) => (
        <View key={bill.month} className='card' {...aria('link', `${monthLabel(bill.month)}党费`)} onClick={() => open(withQuery(DUES_ROUTES.bill, { month: bill.month }))}>
          <View className='dues-row'>
            <Text className='card-title'>{monthLabel(bill.month)}</Text>
            <BillStatusTag status={bill.status} />
          </View>
          <Text className='dues-amount'>{`${formatYuan(bill.amountFen)} 元`}</Text>
          {bill.paidAt ? <Text className='card-summary'>{`缴纳于 ${bill.paidAt.slice(0, 10)}`}</Text> : null}
        </View>
      ))}
      <Text className='section-title'>账目可查</Text>
      <EntryCard title='我的账本记录' summary='每一笔缴费都记在防篡改的账本上，可自行核验' onTap={() => open(DUES_ROUTES.ledger)} />
      <EntryCard title='支部收缴公示' summary='本支部年度党费收缴情况' onTap={() => open(DUES_ROUTES.summary)} />
      {isBranchStaff(member) ? <EntryCard title='党费管理' summary='基数、线下缴纳、困难减免、欠缴与报表' onTap={() => open(DUES_ROUTES.manage)} /> : null}
    </PageRoot>
  );
}
