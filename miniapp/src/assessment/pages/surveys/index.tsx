import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { assessmentApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { ApiError, call, messageOf } from '../../../services/api';
import { currentQuarter, quarterEnd } from '../../services/labels';
import '../../assessment.css';

/** This period's results, or none yet (404). */
async function loadResults(period: string) {
  try {
    return await call(assessmentApi.surveyResults, { query: { period } });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The satisfaction survey of the current period: admins set its questions (until the first answer), and both
 * admins and the evaluator read each branch's averages — shown only from the threshold of answers upward.
 */
export default function SurveysPage() {
  const member = useRequiredMember();
  const period = currentQuarter();
  const results = useAsync(() => loadResults(period), member !== null);
  const [questions, setQuestions] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (!member) return null;
  const isAdmin = member.roles.includes('admin');

  const save = async () => {
    const lines = questions.split('\n').map((line) => line.trim()).filter(Boolean);
    try {
      await call(assessmentApi.setSurvey, {
        body: { period, questions: lines.map((text, index) => ({ id: `q${index + 1}`, text })), opensAt: new Date().toISOString(), closesAt: quarterEnd(period) },
      });
      setMessage(`已设置 ${period} 满意度调查，共 ${lines.length} 题`);
      results.reload();
    } catch (error) {
      setMessage(messageOf(error));
    }
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {`${period} 党员满意度`}
      </Text>
      {results.loading ? <LoadingText /> : null}
      <ErrorBanner message={results.error} onRetry={results.reload} />
      {message ? <Text className='as-done'>{message}</Text> : null}
      {results.data === null ? <Text className='hint'>本期还没有设置满意度调查</Text> : null}
      {results.data ? <Text className='hint'>{`回答满 ${results.data.threshold} 份的支部才显示结果，以免回答被认出是谁填的`}</Text> : null}
      {results.data?.branches.map((branch) => (
        <View key={branch.branchId} className='card'>
          <Text className='card-title'>{branch.branchName}</Text>
          <Text className='as-figures'>{`回答 ${branch.responses} 份`}</Text>
          {branch.shown ? (
            <Text className='as-figures'>{`平均 ${branch.overall} 分（1–5 分）；各题 ${branch.averages?.map((item) => item.average).join('、')}`}</Text>
          ) : (
            <Text className='as-evidence'>{branch.withheldReason}</Text>
          )}
        </View>
      ))}
      {isAdmin ? (
        <View>
          <Text className='section-title'>设置本期题目（每行一题，最多 9 题；有人回答后不能再改）</Text>
          <Textarea className='field__input field__textarea' value={questions} placeholder='例如：支部组织生活是否解决了实际问题' aria-label='满意度调查题目' onInput={(e) => setQuestions(e.detail.value)} />
          <ActionButton label='保存题目' disabled={questions.trim() === ''} onTap={() => void save()} />
        </View>
      ) : null}
    </PageRoot>
  );
}
