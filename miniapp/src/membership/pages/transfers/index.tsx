import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { membershipApi, type Member, type Transfer } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { BranchPicker, PersonPicker } from '../../../components/pickers';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call, messageOf } from '../../../services/api';
import { newRequestId } from '../../../services/request-id';
import { openLetter } from '../../services/letter';
import { isBranchManager, transferStatusLabel } from '../../services/labels';
import { shanghaiToday } from '../../services/dates';
import '../../membership.css';

/** What the caller may do with a transfer: the sending branch issues and prints, the receiving one accepts or returns. */
function roleIn(transfer: Transfer, member: Member): { sending: boolean; receiving: boolean } {
  const manager = isBranchManager(member.roles);
  return { sending: manager && member.branchId === transfer.fromBranchId, receiving: manager && member.branchId === transfer.toBranchId };
}

function TransferCard({ transfer, member, onChanged }: { transfer: Transfer; member: Member; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { sending, receiving } = roleIn(transfer, member);
  const run = (work: Promise<unknown>) =>
    work.then(
      () => {
        setError(null);
        onChanged();
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  const params = { transferId: transfer.id };
  return (
    <View className='card'>
      <Text className='card-title'>{`${transfer.name}：${transfer.fromName} → ${transfer.toName}`}</Text>
      <InfoRow label='状态' value={transferStatusLabel(transfer.status)} />
      {transfer.letter ? <InfoRow label='介绍信' value={`第 ${transfer.letter.number} 号，有效至 ${transfer.letter.validUntil}`} /> : null}
      {transfer.letter ? <InfoRow label='党费交至' value={transfer.letter.duesPaidUpTo ?? '无缴纳记录'} /> : null}
      {transfer.returnReason ? <InfoRow label='退回理由' value={transfer.returnReason} /> : null}
      {transfer.moved ? <InfoRow label='随转' value={`党费账单 ${transfer.moved.duesBills} 笔，学习记录 ${transfer.moved.studyRecords} 条`} /> : null}
      <ErrorBanner message={error} />
      <View className='membership-actions'>
        {sending && transfer.status === 'requested' ? (
          <ActionButton label='开具介绍信' onTap={() => void run(call(membershipApi.issueLetter, { params, body: { contact: `${member.name}（支部书记）` } }))} />
        ) : null}
        {sending && transfer.letter ? (
          <ActionButton label='打印介绍信' variant='secondary' onTap={() => void call(membershipApi.letterPdf, { params }).then((pdf) => openLetter(pdf.filename, pdf.pdfBase64), (failure: unknown) => setError(messageOf(failure)))} />
        ) : null}
        {sending && transfer.kind === 'outside' && transfer.status === 'issued' ? (
          <ActionButton label='登记回执' onTap={() => void run(call(membershipApi.recordReceipt, { params, body: { receivedBy: transfer.toName, receivedOn: shanghaiToday() } }))} />
        ) : null}
        {receiving && transfer.status === 'issued' ? <ActionButton label='接收' onTap={() => void run(call(membershipApi.acceptTransfer, { params }))} /> : null}
      </View>
      {receiving && transfer.status === 'issued' ? (
        <View>
          <Input className='field__input' value={reason} placeholder='退回须写明理由' aria-label='退回理由' onInput={(event) => setReason(event.detail.value)} />
          <ActionButton label='退回' variant='secondary' disabled={reason.trim() === ''} onTap={() => void run(call(membershipApi.returnTransfer, { params, body: { reason } }))} />
        </View>
      ) : null}
    </View>
  );
}

/** Transfers the caller takes part in, and a new request: a secretary for a member of the branch, a member for themself. */
export default function TransfersPage() {
  const member = useRequiredMember();
  const reply = useAsync(() => call(membershipApi.listTransfers), member !== null);
  const [person, setPerson] = useState<Member | null>(null);
  const [branches, setBranches] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;
  const manager = isBranchManager(member.roles);
  const who = manager ? person : member;
  const toBranchId = branches.at(-1);
  const request = () =>
    void call(membershipApi.requestTransfer, { body: { clientRequestId: newRequestId('transfer'), userId: who!.userId, toBranchId, reason } }).then(
      () => {
        setPerson(null);
        setBranches([]);
        setReason('');
        setError(null);
        reply.reload();
      },
      (failure: unknown) => setError(messageOf(failure)),
    );

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        组织关系转接
      </Text>
      {reply.loading && !reply.data ? <LoadingText /> : null}
      <ErrorBanner message={reply.error} onRetry={reply.reload} />
      {reply.data?.items.length === 0 ? <Text className='hint'>暂无转接记录</Text> : null}
      {(reply.data?.items ?? []).map((transfer) => (
        <TransferCard key={transfer.id} transfer={transfer} member={member} onChanged={reply.reload} />
      ))}
      <Text className='section-title'>申请转接（集团内）</Text>
      {manager ? <PersonPicker label='转出党员' accept={(candidate) => candidate.branchId === member.branchId} chosen={person} onChoose={setPerson} /> : null}
      <BranchPicker label='转入支部' emptyText='请选择一个接收支部' chosen={toBranchId ? [toBranchId] : []} onChange={(chosen) => setBranches(chosen.slice(-1))} />
      <View className='field'>
        <Text className='field__label'>转接原因</Text>
        <Input className='field__input' value={reason} aria-label='转接原因' onInput={(event) => setReason(event.detail.value)} />
      </View>
      <ErrorBanner message={error} />
      <ActionButton label='提交转接申请' disabled={!who || !toBranchId || reason.trim() === ''} onTap={request} />
      <Text className='hint'>转出支部开具介绍信后，由接收支部确认接收；接收前仍由原支部负责管理。</Text>
    </PageRoot>
  );
}
