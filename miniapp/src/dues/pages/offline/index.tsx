import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { addMonths, duesApi, formatYuan, parseVoluntaryYuan, type Member } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { PersonPicker } from '../../../components/pickers';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { Choices } from '../../components/choices';
import { useAction } from '../../hooks/use-action';
import { useKeyedAsync } from '../../hooks/use-keyed';
import { monthLabel, shanghaiNow } from '../../hooks/staff';
import { newRequestId } from '../../../services/request-id';
import { PageRoot } from '../../../components/page-root';
import '../../dues.css';

const toggle = (list: readonly string[], value: string) => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value].sort());

type Payee = Pick<Member, 'userId' | 'name'>;

/** A query value as the member reads it: the mini-program hands it over still encoded, H5 already decoded. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The member a page was opened for (the arrears list passes who), or nobody yet. */
function payeeOf(params: Partial<Record<string, string>>): Payee | null {
  return params.userId && params.name ? { userId: params.userId, name: decoded(params.name) } : null;
}

/**
 * The branch treasurer records cash or transfer payments: several months at once, on behalf (代缴), back-payment.
 * The member is picked by name from the roster within the recorder's scope (a secretary's branch, finance's 党委).
 */
export default function OfflinePaymentPage() {
  const member = useRequiredMember();
  const [payee, setPayee] = useState<Payee | null>(payeeOf(useRouter().params));
  const userId = payee?.userId ?? '';
  const [months, setMonths] = useState<string[]>([]);
  const [method, setMethod] = useState<'cash' | 'transfer'>('cash');
  const [reference, setReference] = useState('');
  const [extra, setExtra] = useState('');
  const [clientRequestId, setClientRequestId] = useState(() => newRequestId('dues'));
  const [done, setDone] = useState<string | null>(null);
  const current = shanghaiNow().month;
  const bills = useKeyedAsync(userId, () => call(duesApi.listBills, { query: { year: shanghaiNow().year, userId } }).then((reply) => reply.bills), userId !== '');
  const choices = useMemo(() => {
    const unpaid = (bills.data ?? []).filter((bill) => bill.status === 'unpaid').map((bill) => bill.month);
    const ahead = [addMonths(current, 1), addMonths(current, 2)].filter((month) => !(bills.data ?? []).some((bill) => bill.month === month && bill.status !== 'unpaid'));
    return [...new Set([...unpaid, ...ahead])].sort().map((month) => ({ value: month, label: monthLabel(month) }));
  }, [bills.data, current]);
  const voluntary = parseVoluntaryYuan(extra);
  const extraFen = 'fen' in voluntary ? voluntary.fen : undefined;
  const record = useAction(
    () => call(duesApi.recordOfflinePayment, { body: { userId, months, method, clientRequestId, ...(reference ? { reference } : {}), ...(extraFen ? { voluntaryExtraFen: extraFen } : {}) } }),
    (reply) => {
      setDone(`已登记：${reply.entry.months.map(monthLabel).join('、')}，共 ${formatYuan(reply.entry.amountFen + reply.entry.voluntaryFen)} 元，账本第 ${reply.entry.seq} 条`);
      setMonths([]);
      setClientRequestId(newRequestId('dues'));
      bills.reload();
    },
  );
  if (!member) return null;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        登记线下缴纳
      </Text>
      <PersonPicker label='党员' chosen={payee} onChoose={(person) => (setPayee(person), setMonths([]), setDone(null))} />
      {userId ? (
        <View>
          <Text className='section-title'>缴纳月份（可多选，按季度可提前两个月）</Text>
          <ErrorBanner message={bills.error} onRetry={bills.reload} />
          {choices.length === 0 && bills.data ? <Text className='hint'>该党员没有待缴月份。</Text> : null}
          <Choices options={choices} chosen={months} onToggle={(month) => setMonths(toggle(months, month))} />
          <Text className='section-title'>方式</Text>
          <Choices options={[{ value: 'cash' as const, label: '现金' }, { value: 'transfer' as const, label: '转账' }]} chosen={[method]} onToggle={setMethod} />
          <View className='field'>
            <Text className='field__label'>收据号或转账流水号（可不填）</Text>
            <Input className='field__input' value={reference} maxlength={64} aria-label='收据号' onInput={(e) => setReference(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>自愿多缴（元，可不填）</Text>
            <Input className='field__input' type='digit' value={extra} aria-label='自愿多缴金额' onInput={(e) => setExtra(e.detail.value)} />
          </View>
          <ErrorBanner message={'error' in voluntary ? voluntary.error : record.error} />
          <ActionButton label='登记缴纳' disabled={record.busy || months.length === 0 || extraFen === undefined} onTap={() => record.run()} />
        </View>
      ) : null}
      {done ? <Text className='dues-ok'>{done}</Text> : null}
    </PageRoot>
  );
}
