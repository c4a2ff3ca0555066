import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { MAX_QUESTION_LENGTH, type Answer } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { PageRoot } from '../../../components/page-root';
import { useRequiredMember } from '../../../hooks/use-session';
import { COURSE_ROUTES, DUES_ROUTES, ORG_LIFE_ROUTES, SIGNUP_ROUTES } from '../../../routes';
import { useAsk } from '../../hooks/use-ask';
import '../../assistant.css';

/** Questions members ask most, one tap each (older members type little). */
const EXAMPLES = ['我这个月党费多少', '我还差多少学时', '下次主题党日什么时候', '怎么转组织关系', '预备党员要做什么'];

const PAGE_OF: Record<string, string> = { dues: DUES_ROUTES.index, study: COURSE_ROUTES.study, signup: SIGNUP_ROUTES.list, orglife: ORG_LIFE_ROUTES.index };
const PAGE_LABEL: Record<string, string> = { dues: '查看我的党费', study: '查看我的学时', signup: '查看活动报名', orglife: '查看我的会议' };

function AnswerCard({ answer, asked }: { answer: Answer; asked: string }) {
  const page = answer.personal?.page;
  return (
    <View className='card assistant-answer' {...aria('status')}>
      <Text className='muted'>{`问：${asked}`}</Text>
      <Text className={`assistant-answer__text${answer.kind === 'unsure' ? ' assistant-answer__text--unsure' : ''}`}>{answer.answer}</Text>
      {answer.rephrased ? <Text className='muted'>（文字由模型按下列条文改写，以条文原文为准）</Text> : null}
      {page && PAGE_OF[page] ? <ActionButton label={PAGE_LABEL[page]!} variant='secondary' onTap={() => void Taro.navigateTo({ url: PAGE_OF[page]! })} /> : null}
      {answer.passages.length > 0 ? <Text className='section-title'>依据</Text> : null}
      {answer.passages.map((passage) => (
        <View key={passage.id} className='assistant-passage'>
          <Text className='card-title'>{passage.title}</Text>
          <Text className='assistant-passage__text'>{passage.text}</Text>
          <Text className='assistant-passage__source'>{`出处：${passage.source}`}</Text>
        </View>
      ))}
      {answer.kind !== 'unsure' ? <Text className='hint'>{`如有疑问：${answer.whereToAsk}`}</Text> : null}
    </View>
  );
}

/**
 * The assistant: a member asks in their own words and gets their own figures or the platform's rule passages,
 * each with its source — or 「我不确定」 and whom to ask. Questions are neither stored nor counted.
 */
export default function AssistantPage() {
  const member = useRequiredMember();
  const { state, setQuestion, ask } = useAsk();
  if (!member) return null;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        AI 党建助手
      </Text>
      <Text className='hint'>按平台收录的党内规定和您本人的数据回答，每条都注明出处。提问不保存，也不统计谁问了什么。</Text>
      <View className='field'>
        <Text className='field__label'>您的问题</Text>
        <Textarea
          className='field__input field__textarea assistant-question'
          value={state.question}
          maxlength={MAX_QUESTION_LENGTH}
          placeholder='例如：我这个月党费多少'
          aria-label='您的问题'
          onInput={(e) => setQuestion(e.detail.value)}
        />
      </View>
      <ActionButton label={state.busy ? '正在查找…' : '提问'} disabled={state.busy || state.question.trim() === ''} onTap={() => void ask()} />
      <View className='assistant-examples'>
        {EXAMPLES.map((example) => (
          <Text key={example} className='assistant-example' {...aria('button', example)} onClick={() => void ask(example)}>
            {example}
          </Text>
        ))}
      </View>
      <ErrorBanner message={state.error} />
      {state.answer ? <AnswerCard answer={state.answer} asked={state.asked} /> : null}
    </PageRoot>
  );
}
