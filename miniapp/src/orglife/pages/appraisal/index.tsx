import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { orgLifeApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { ApiError, call, messageOf } from '../../../services/api';
import { beijingParts } from '../../../services/beijing-time';
import { AppraisalResultsCard } from './results';
import { BallotForm } from './ballot-form';
import '../../orglife.css';

/** The branch's appraisal of a year, or null while none was opened. */
async function appraisalOrNone(year: string) {
  try {
    return await call(orgLifeApi.getAppraisal, { params: { year } });
  } catch (failure) {
    if (failure instanceof ApiError && failure.code === 'APPRAISAL_NOT_OPEN') return null;
    throw failure;
  }
}

/**
 * 民主评议党员: a member casts the anonymous ballot once and reads their own result; the committee reads every
 * member's result by name and the branch's tally; the secretary opens and closes the vote.
 */
export default function AppraisalPage() {
  const member = useRequiredMember();
  const thisYear = beijingParts(Date.now()).year;
  const [year, setYear] = useState(String(thisYear));
  const [actionError, setActionError] = useState<string | null>(null);
  const appraisal = useAsync(() => appraisalOrNone(year), member !== null);
  const manages = member !== null && (member.roles.includes('secretary') || member.roles.includes('admin'));
  const current = appraisal.data;
  const showsResults = current !== null && (current.status === 'closed' || manages);
  const results = useAsync(() => call(orgLifeApi.appraisalResults, { params: { year } }), member !== null && showsResults);
  if (!member) return null;

  const manage = async (endpoint: typeof orgLifeApi.openAppraisal | typeof orgLifeApi.closeAppraisal) => {
    setActionError(null);
    try {
      await call(endpoint, { params: { year }, body: {} });
      appraisal.reload();
      results.reload();
    } catch (failure) {
      setActionError(messageOf(failure));
    }
  };
  const chooseYear = (next: string) => {
    setYear(next);
    appraisal.reload();
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        民主评议党员
      </Text>
      <View className='choice-row'>
        {[thisYear, thisYear - 1].map((value) => (
          <ActionButton key={value} label={`${value} 年`} variant={year === String(value) ? 'primary' : 'secondary'} onTap={() => chooseYear(String(value))} />
        ))}
      </View>
      {appraisal.loading && current === null ? <LoadingText /> : null}
      <ErrorBanner message={appraisal.error} onRetry={appraisal.reload} />
      {!appraisal.loading && current === null && !appraisal.error ? (
        <View className='card'>
          <Text className='card-summary'>{`${year} 年度民主评议还没有开始`}</Text>
          {manages ? <ActionButton label='开始民主评议' onTap={() => void manage(orgLifeApi.openAppraisal)} /> : null}
        </View>
      ) : null}
      {current ? (
        <View>
          <View className='card'>
            <Text className='card-summary'>{`${current.status === 'open' ? '投票进行中' : '投票已结束'}：已收到 ${current.ballots}/${current.voters} 张选票`}</Text>
            {current.iHaveVoted ? <Text className='orglife-tag' {...aria('status')}>已投票</Text> : null}
            {manages && current.status === 'open' ? <ActionButton label='结束投票' variant='secondary' onTap={() => void manage(orgLifeApi.closeAppraisal)} /> : null}
          </View>
          {current.status === 'open' && !current.iHaveVoted && current.subjects.some((s) => s.userId === member.userId) ? (
            <BallotForm appraisal={current} myUserId={member.userId} onCast={appraisal.reload} />
          ) : null}
          {current.status === 'open' && !manages ? <Text className='hint'>投票结束后可在这里查看本人的评议结果和支部汇总。</Text> : null}
          <ErrorBanner message={results.error} />
          {showsResults && results.data ? <AppraisalResultsCard results={results.data} myUserId={member.userId} /> : null}
        </View>
      ) : null}
      <ErrorBanner message={actionError} />
    </PageRoot>
  );
}
