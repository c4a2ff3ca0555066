import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { membershipApi, type StepKind } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { EntryCard } from '../../../components/entry-card';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { MEMBERSHIP_ROUTES } from '../../../routes';
import { call, messageOf } from '../../../services/api';
import { shanghaiToday } from '../../services/dates';
import { stageLabel, stepLabel } from '../../services/labels';
import '../../membership.css';

/** One person's joining process: the steps with what they rest on and any broken limit, and the next step to record. */
export default function PersonPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const personId = params.personId ?? '';
  const reply = useAsync(() => call(membershipApi.getPerson, { params: { personId } }), member !== null && personId !== '');
  const [kind, setKind] = useState<StepKind | null>(null);
  const [date, setDate] = useState(shanghaiToday());
  const [basis, setBasis] = useState('');
  const [hours, setHours] = useState('');
  const [noticeEnd, setNoticeEnd] = useState('');
  const [months, setMonths] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;
  const person = reply.data;

  const submit = (chosen: StepKind) => {
    setError(null);
    const body = {
      kind: chosen,
      date,
      basis,
      ...(chosen === 'candidate-training' ? { trainingHours: Number(hours) || 0 } : {}),
      ...(chosen === 'public-notice' ? { noticeEndDate: noticeEnd } : {}),
      ...(chosen === 'probation-extension' ? { extensionMonths: Number(months) || 0 } : {}),
    };
    call(membershipApi.recordStep, { params: { personId }, body }).then(
      () => {
        setKind(null);
        setBasis('');
        reply.reload();
      },
      (reason: unknown) => setError(messageOf(reason)),
    );
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {person ? `${person.name}的发展档案` : '发展档案'}
      </Text>
      {reply.loading && !person ? <LoadingText /> : null}
      <ErrorBanner message={reply.error} onRetry={reply.reload} />
      {person ? (
        <View className='card'>
          <InfoRow label='当前阶段' value={stageLabel(person.stage)} />
          <InfoRow label='身份证号' value={person.idNumberMasked} />
          {person.deadlines.map((deadline) => (
            <InfoRow key={deadline.kind} label={stepLabel(deadline.kind)} value={`${deadline.earliest ? '最早' : '最迟'} ${deadline.due}`} />
          ))}
        </View>
      ) : null}
      {(person?.steps ?? []).map((step, index) => (
        <View key={`${step.kind}-${index}`} className='step-row'>
          <Text className='step-row__title'>{`${step.date} ${stepLabel(step.kind)}`}</Text>
          <Text className='step-row__detail'>{`${step.basis}（${step.recordedBy.name}登记）`}</Text>
          {step.flags.map((flag) => (
            <Text key={flag.rule} className='step-row__flag'>{`超出时限：${flag.message}`}</Text>
          ))}
        </View>
      ))}
      {person ? (
        <EntryCard title='档案链校验' summary='核对每一步记录是否被改动' onTap={() => void Taro.navigateTo({ url: `${MEMBERSHIP_ROUTES.history}?personId=${encodeURIComponent(personId)}` })} />
      ) : null}
      {person?.canManage && person.nextSteps.length > 0 ? (
        <View>
          <Text className='section-title'>登记下一步</Text>
          <View className='membership-actions'>
            {person.nextSteps.map((next) => (
              <ActionButton key={next} label={stepLabel(next)} variant={kind === next ? 'primary' : 'secondary'} onTap={() => setKind(next)} />
            ))}
          </View>
          {kind ? (
            <View>
              <View className='field'>
                <Text className='field__label'>日期（YYYY-MM-DD）</Text>
                <Input className='field__input' value={date} aria-label='日期' onInput={(event) => setDate(event.detail.value)} />
              </View>
              <View className='field'>
                <Text className='field__label'>依据（会议、表决、培训、文件）</Text>
                <Input className='field__input' value={basis} aria-label='依据' onInput={(event) => setBasis(event.detail.value)} />
              </View>
              {kind === 'candidate-training' ? (
                <View className='field'>
                  <Text className='field__label'>培训学时</Text>
                  <Input className='field__input' type='number' value={hours} aria-label='培训学时' onInput={(event) => setHours(event.detail.value)} />
                </View>
              ) : null}
              {kind === 'public-notice' ? (
                <View className='field'>
                  <Text className='field__label'>公示结束日期</Text>
                  <Input className='field__input' value={noticeEnd} aria-label='公示结束日期' onInput={(event) => setNoticeEnd(event.detail.value)} />
                </View>
              ) : null}
              {kind === 'probation-extension' ? (
                <View className='field'>
                  <Text className='field__label'>延长月数（6–12）</Text>
                  <Input className='field__input' type='number' value={months} aria-label='延长月数' onInput={(event) => setMonths(event.detail.value)} />
                </View>
              ) : null}
              <ErrorBanner message={error} />
              <ActionButton label={`登记「${stepLabel(kind)}」`} disabled={basis.trim() === ''} onTap={() => submit(kind)} />
            </View>
          ) : null}
        </View>
      ) : null}
    </PageRoot>
  );
}
