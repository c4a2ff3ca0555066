import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PAYMENT_METHOD_LABELS, duesApi, explainComputation, formatYuan, parseVoluntaryYuan } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { BillStatusTag } from '../../components/bill-status';
import { monthLabel } from '../../hooks/staff';
import { usePay } from '../../hooks/use-pay';
import { PageRoot } from '../../../components/page-root';
import '../../dues.css';

/** One month's bill: how the amount was computed, and paying it. */
export default function BillPage() {
  const member = useRequiredMember();
  const month = useRouter().params.month ?? '';
  const bills = useAsync(() => call(duesApi.listBills, { query: { year: Number(month.slice(0, 4)) } }).then((reply) => reply.bills), member !== null && month !== '');
  const pay = usePay(month, bills.reload);
  const [extra, setExtra] = useState('');
  if (!member) return null;
  const bill = bills.data?.find((candidate) => candidate.month === month);
  const voluntary = parseVoluntaryYuan(extra);
  const extraFen = 'fen' in voluntary ? voluntary.fen : undefined;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {`${monthLabel(month)}党费`}
      </Text>
      {bills.loading ? <LoadingText /> : null}
      <ErrorBanner message={bills.error} onRetry={bills.reload} />
      {bills.data && !bill ? <Text className='hint'>该月份还没有党费账单。</Text> : null}
      {bill ? (
        <View className='card'>
          <View className='dues-row'>
            <Text className='dues-amount'>{`${formatYuan(bill.amountFen)} 元`}</Text>
            <BillStatusTag status={bill.status} />
          </View>
          <Text className='dues-explain'>{explainComputation(bill.computation)}</Text>
          {bill.computation.hardship ? (
            <Text className='dues-explain'>{`经批准困难减免（${bill.computation.hardship.approvalRef}），本月应缴 ${formatYuan(bill.amountFen)} 元`}</Text>
          ) : null}
          {bill.status === 'paid' ? (
            <View>
              <InfoRow label='缴纳方式' value={bill.paidVia ? PAYMENT_METHOD_LABELS[bill.paidVia] : '—'} />
              <InfoRow label='缴纳时间' value={bill.paidAt?.slice(0, 10) ?? '—'} />
              {bill.voluntaryFen ? <InfoRow label='自愿多缴' value={`${formatYuan(bill.voluntaryFen)} 元`} /> : null}
              <InfoRow label='账本序号' value={bill.ledgerSeq ? `第 ${bill.ledgerSeq} 条` : '—'} />
            </View>
          ) : null}
        </View>
      ) : null}
      {pay.phase === 'paid' ? <Text className='dues-ok'>缴纳成功，已记入党费账本</Text> : null}
      {bill?.status === 'unpaid' && pay.phase !== 'paid' ? (
        <View>
          <View className='field'>
            <Text className='field__label'>自愿多缴（元，可不填）</Text>
            <Input className='field__input' type='digit' value={extra} placeholder='0' aria-label='自愿多缴金额' onInput={(e) => setExtra(e.detail.value)} />
          </View>
          {'error' in voluntary ? <ErrorBanner message={voluntary.error} /> : null}
          <ActionButton
            label={`缴纳 ${formatYuan(bill.amountFen + (extraFen ?? 0))} 元`}
            disabled={pay.phase !== 'idle' || extraFen === undefined}
            onTap={() => pay.start(extraFen ?? 0)}
          />
        </View>
      ) : null}
      {pay.order?.mode === 'local-simulator' && pay.phase !== 'paid' ? (
        <View className='dues-simulator'>
          <Text className='hint'>本地演示环境：没有接入真实的微信支付，不会产生扣款。点击下方按钮，由模拟器按微信支付的格式签名并发送支付结果通知。</Text>
          <ActionButton label='模拟微信支付' disabled={pay.phase === 'confirming'} onTap={pay.simulate} />
        </View>
      ) : null}
      {pay.phase === 'confirming' ? <LoadingText text='正在确认支付结果…' /> : null}
      <ErrorBanner message={pay.error} />
    </PageRoot>
  );
}
