import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { APPRAISAL_GRADES, APPRAISAL_GRADE_LABELS, orgLifeApi, type Appraisal, type AppraisalGrade } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { useAction } from '../../../hooks/use-action';
import { call } from '../../../services/api';

interface BallotFormProps {
  appraisal: Appraisal;
  myUserId: string;
  onCast: () => void;
}

/**
 * The anonymous ballot: one grade for every other member of the branch, listed by name. It is sent once; the
 * server keeps who voted apart from what was voted, so nobody (the secretary included) can read it back.
 */
export function BallotForm({ appraisal, myUserId, onCast }: BallotFormProps) {
  const others = appraisal.subjects.filter((subject) => subject.userId !== myUserId);
  const [grades, setGrades] = useState<Record<string, AppraisalGrade>>({});
  const { busy, error, run } = useAction();
  const graded = others.filter((subject) => grades[subject.userId]).length;
  const submit = () =>
    run(async () => {
      await call(orgLifeApi.castBallot, {
        params: { year: appraisal.year },
        body: { grades: others.map((subject) => ({ userId: subject.userId, grade: grades[subject.userId]! })) },
      });
      onCast();
    });
  return (
    <View className='card'>
      <Text className='card-title'>匿名投票</Text>
      <Text className='hint'>请为每位党员选择一个等次；选票不记名，提交后不能修改。</Text>
      {others.map((subject) => (
        <View key={subject.userId} className='orglife-ballot-line'>
          <Text className='orglife-ballot-name'>{subject.name}</Text>
          <View className='choice-row'>
            {APPRAISAL_GRADES.map((grade) => (
              <Text
                key={grade}
                className={`choice ${grades[subject.userId] === grade ? 'choice--on' : ''}`}
                {...aria('button', `${subject.name}：${APPRAISAL_GRADE_LABELS[grade]}`, { 'aria-pressed': grades[subject.userId] === grade ? 'true' : 'false' })}
                onClick={() => setGrades({ ...grades, [subject.userId]: grade })}
              >
                {APPRAISAL_GRADE_LABELS[grade]}
              </Text>
            ))}
          </View>
        </View>
      ))}
      <ErrorBanner message={error} />
      <ActionButton label={`提交选票（已评 ${graded}/${others.length} 人）`} disabled={busy || graded < others.length} onTap={() => void submit()} />
    </View>
  );
}
