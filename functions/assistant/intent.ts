import type { PersonalTopic } from '../../shared/api/assistant';
import { normaliseQuestion } from './retrieval/analyzer';

/**
 * Whether a question asks about the member's own data rather than a rule: "我这个月党费多少", "我还差多少学时",
 * "下次主题党日什么时候". Read after normalisation, so traditional characters and the field's synonyms
 * (会费 → 党费, 学习时长 → 学时, 党日活动 → 主题党日) count too.
 */
const FIRST_PERSON = /我|俺|本人|咱/;
const DUES = /党费/;
const DUES_AMOUNT = /多少|几块|几元|金额|该交纳|应交纳|要交纳|交纳了没|交纳没|欠不欠|交纳了吗|本月|这个月|这月|当月/;
const STUDY = /学时/;
const STUDY_PROGRESS = /还差|还剩|还要|还需|完成|够了|够没|学了多少|多少|几个/;
const ACTIVITY = /主题党日|活动|组织生活会|党课/;
const NEXT = /下次|下一次|下个|下回|最近|近期|什么时候|啥时候|哪天|几号|几点|安排/;

export function personalTopic(question: string): PersonalTopic | undefined {
  const text = normaliseQuestion(question);
  // An activity's date is the same for everyone it is for: asked without "我" it is still the member's own list.
  if (ACTIVITY.test(text) && NEXT.test(text) && !/一般|多久|规定|几次/.test(text)) return 'activity';
  if (!FIRST_PERSON.test(text)) return undefined;
  if (DUES.test(text) && DUES_AMOUNT.test(text)) return 'dues';
  if (STUDY.test(text) && STUDY_PROGRESS.test(text)) return 'study';
  return undefined;
}
