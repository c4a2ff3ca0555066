import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CONTENT_MAX, SUGGESTION_CATEGORIES, TITLE_MAX, type SuggestionCategory } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { PendingList } from '../../../components/pending-list';
import { useState } from 'react';
import { useRequiredMember } from '../../../hooks/use-session';
import { SUGGESTION_ROUTES, withQuery } from '../../../routes';
import { cachedToggles, isOn } from '../../../services/toggles';
import { ChoiceGroup } from '../../components/choice-group';
import { useSubmitForm } from '../../hooks/use-submit-form';
import { ANONYMOUS_SUBMIT_NOTE } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';
import '../../suggestions.css';

const CATEGORY_OPTIONS = (Object.keys(SUGGESTION_CATEGORIES) as SuggestionCategory[]).map((value) => ({ value, label: SUGGESTION_CATEGORIES[value] }));
const label = (text: string) => ({ 'aria-label': text });

/** Writing a suggestion: title, content, category, optionally anonymous. A blocked text shows why here. */
export default function SubmitSuggestionPage() {
  const member = useRequiredMember();
  const { form, update, problems, action, submit } = useSubmitForm();
  const [queued, setQueued] = useState(false);
  if (!member) return null;
  const anonymousAllowed = isOn(cachedToggles(), 'suggestions.anonymous');

  const send = async () => {
    const outcome = await submit();
    setQueued(outcome !== null && 'queued' in outcome);
    if (outcome && 'created' in outcome) void Taro.redirectTo({ url: withQuery(SUGGESTION_ROUTES.mineDetail, { id: outcome.created.id, created: '1' }) });
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        提意见
      </Text>
      <View className='sugg-field'>
        <Text className='sugg-field__label'>标题</Text>
        <Input className='sugg-field__input' value={form.title} maxlength={TITLE_MAX} placeholder='一句话说明是什么事' {...label('标题')} onInput={(e) => update({ title: e.detail.value })} />
      </View>
      <View className='sugg-field'>
        <Text className='sugg-field__label'>类别</Text>
        <ChoiceGroup options={CATEGORY_OPTIONS} chosen={form.category} onChoose={(category) => update({ category })} />
      </View>
      <View className='sugg-field'>
        <Text className='sugg-field__label'>内容</Text>
        <Textarea
          className='sugg-field__input sugg-field__textarea'
          value={form.content}
          maxlength={CONTENT_MAX}
          placeholder='请写清楚问题或需求，以及您的建议'
          {...label('内容')}
          onInput={(e) => update({ content: e.detail.value })}
        />
        <Text className='sugg-field__count'>{`${form.content.length}/${CONTENT_MAX}`}</Text>
      </View>
      {anonymousAllowed ? (
        <View className='sugg-field sugg-switch'>
          <Text className='sugg-field__label'>匿名提交（处理人看不到您是谁）</Text>
          <Switch checked={form.anonymous} color='#b71c1c' {...label('匿名提交')} onChange={(e) => update({ anonymous: e.detail.value })} />
        </View>
      ) : null}
      {anonymousAllowed && form.anonymous ? <Text className='hint'>{ANONYMOUS_SUBMIT_NOTE}</Text> : null}
      {problems.map((problem) => (
        <Text key={problem} className='sugg-problem' {...aria('alert')}>
          {problem}
        </Text>
      ))}
      <ErrorBanner message={action.error} />
      {queued ? (
        <Text className='hint' {...aria('status')}>
          网络不给力，意见已保存在手机上（待发送），联网后自动提交
        </Text>
      ) : null}
      <PendingList kinds={['suggestion']} />
      <ActionButton label={action.busy ? '正在提交…' : '提交'} disabled={action.busy} onTap={() => void send()} />
    </PageRoot>
  );
}
