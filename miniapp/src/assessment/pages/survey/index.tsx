import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { assessmentApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call, messageOf } from '../../../services/api';
import { Choice } from '../../components/choice';
import '../../assessment.css';

const SCALE = [1, 2, 3, 4, 5].map((score) => ({ value: String(score), text: String(score) }));

/**
 * The anonymous satisfaction survey: one answer per member and period, 1 (很不满意) to 5 (很满意). Only branch
 * sums are kept, and a branch's results are shown only from five answers, so no answer can be traced to anyone.
 */
export default function SurveyPage() {
  const member = useRequiredMember();
  const current = useAsync(() => call(assessmentApi.currentSurvey), member !== null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;
  const survey = current.data?.survey;

  const send = async () => {
    if (!survey) return;
    if (survey.questions.some((question) => !answers[question.id])) return setError('请回答每一道题');
    try {
      await call(assessmentApi.answerSurvey, { body: { period: survey.period, answers: Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, Number(value)])) } });
      setDone('感谢参加，您的回答已匿名记录');
      setError(null);
      current.reload();
    } catch (reason) {
      setError(messageOf(reason));
    }
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        党员满意度调查
      </Text>
      {current.loading ? <LoadingText /> : null}
      <ErrorBanner message={current.error} onRetry={current.reload} />
      <ErrorBanner message={error} />
      {done ? <Text className='as-done'>{done}</Text> : null}
      {current.data && !survey ? <Text className='hint'>本期没有正在进行的满意度调查</Text> : null}
      {survey ? (
        <View>
          <Text className='hint'>{`${survey.period} · 匿名填写，只统计支部的合计；回答满 5 份的支部才显示结果。1 分很不满意，5 分很满意。`}</Text>
          {survey.answered ? (
            <Text className='as-done'>您已参加本期调查</Text>
          ) : (
            <View>
              {survey.questions.map((question) => (
                <Choice key={question.id} label={question.text} options={SCALE} value={answers[question.id] ?? ''} onChange={(value) => setAnswers({ ...answers, [question.id]: value })} />
              ))}
              <ActionButton label='提交' onTap={() => void send()} />
            </View>
          )}
        </View>
      ) : null}
    </PageRoot>
  );
}
