import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { QuizQuestion } from '@shared/api';
import { aria } from '../../components/a11y';
import { ActionButton } from '../../components/action-button';

/** The course's short quiz: one choice per question, sent with the completion. */
export function QuizForm({ questions, busy, onSubmit }: { questions: QuizQuestion[]; busy: boolean; onSubmit: (answers: number[]) => void }) {
  const [answers, setAnswers] = useState<Array<number | undefined>>(() => questions.map(() => undefined));
  const complete = answers.every((answer) => answer !== undefined);
  return (
    <View className='card'>
      <Text className='card-title'>课程测验</Text>
      {questions.map((question, index) => (
        <View key={index} className='quiz-question'>
          <Text className='card-summary'>{`${index + 1}. ${question.question}`}</Text>
          <View className='course-chips'>
            {question.options.map((option, choice) => (
              <Text
                key={choice}
                className={`course-chip${answers[index] === choice ? ' course-chip--on' : ''}`}
                {...aria('button', `第 ${index + 1} 题：${option}`, { 'aria-pressed': String(answers[index] === choice) })}
                onClick={() => setAnswers(answers.map((answer, at) => (at === index ? choice : answer)))}
              >
                {option}
              </Text>
            ))}
          </View>
        </View>
      ))}
      <ActionButton label='提交测验并完成学习' disabled={busy || !complete} onTap={() => onSubmit(answers.map((answer) => answer ?? 0))} />
    </View>
  );
}
