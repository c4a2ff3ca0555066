import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { duesApi, formatYuan, parseYuan } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { BranchPicker } from '../../components/branch-picker';
import { Choices } from '../../components/choices';
import { useAction } from '../../hooks/use-action';
import { useBranchRoster } from '../../hooks/use-branch';
import { useKeyedAsync } from '../../hooks/use-keyed';
import { shanghaiNow } from '../../hooks/staff';
import { newRequestId } from '../../../services/request-id';
import { PageRoot } from '../../../components/page-root';
import '../../dues.css';

/** Records a hardship reduction the branch approved: pay less or nothing for some months. */
export default function HardshipPage() {
  const member = useRequiredMember();
  const branch = useBranchRoster(member);
  const current = shanghaiNow().month;
  const [userId, setUserId] = useState('');
  const [fromMonth, setFromMonth] = useState(current);
  const [toMonth, setToMonth] = useState(current);
  const [amount, setAmount] = useState('0');
  const [reason, setReason] = useState('');
  const [approvalRef, setApprovalRef] = useState('');
  const [clientRequestId, setClientRequestId] = useState(() => newRequestId('dues'));
  const list = useKeyedAsync(branch.branchId, () => call(duesApi.listHardships, { query: { branchId: branch.branchId } }).then((reply) => reply.hardships), member !== null);
  const monthlyAmountFen = parseYuan(amount);
  const approve = useAction(
    () => call(duesApi.approveHardship, { body: { userId, fromMonth, toMonth, monthlyAmountFen: monthlyAmountFen ?? -1, reason, approvalRef, clientRequestId } }),
    () => {
      setClientRequestId(newRequestId('dues'));
      list.reload();
    },
  );
  if (!member) return null;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        困难减免
      </Text>
      <Text className='hint'>生活困难的党员经申请、支部批准，可少缴或免缴党费。请登记批准文号或会议记录。</Text>
      <BranchPicker enabled={branch.canSwitch} branchId={branch.branchId} onPick={branch.setBranchId} />
      <Choices options={branch.people} chosen={[userId]} onToggle={setUserId} />
      <View className='field'>
        <Text className='field__label'>开始月份 / 结束月份（YYYY-MM）</Text>
        <Input className='field__input' value={fromMonth} aria-label='开始月份' onInput={(e) => setFromMonth(e.detail.value)} />
        <Input className='field__input' value={toMonth} aria-label='结束月份' onInput={(e) => setToMonth(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field__label'>每月应缴（元，免缴填 0）</Text>
        <Input className='field__input' type='digit' value={amount} aria-label='每月应缴' onInput={(e) => setAmount(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field__label'>批准文号或会议记录</Text>
        <Input className='field__input' value={approvalRef} maxlength={64} aria-label='批准文号' onInput={(e) => setApprovalRef(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field__label'>困难情况</Text>
        <Textarea className='field__input field__textarea' value={reason} maxlength={200} aria-label='困难情况' onInput={(e) => setReason(e.detail.value)} />
      </View>
      <ErrorBanner message={approve.error} />
      <ActionButton label='登记减免' disabled={approve.busy || userId === ''} onTap={() => approve.run()} />
      <Text className='section-title'>已登记的减免</Text>
      <ErrorBanner message={list.error} onRetry={list.reload} />
      {list.data?.map((hardship) => (
        <View key={hardship.id} className='card'>
          <Text className='card-title'>{hardship.name}</Text>
          <InfoRow label='期间' value={`${hardship.fromMonth} 至 ${hardship.toMonth}`} />
          <InfoRow label='每月应缴' value={`${formatYuan(hardship.monthlyAmountFen)} 元`} />
          <InfoRow label='批准' value={hardship.approvalRef} />
        </View>
      ))}
    </PageRoot>
  );
}
