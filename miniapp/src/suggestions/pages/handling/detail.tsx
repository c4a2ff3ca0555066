import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { REPLY_MAX, suggestionsApi, type Member } from '@shared/api';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PersonPicker } from '../../../components/pickers';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { authorLine } from '../../components/author-line';
import { HighlightedText } from '../../components/highlighted-text';
import { SuggestionHeading } from '../../components/suggestion-card';
import { useAction } from '../../hooks/use-action';
import { useSuggestionDetail } from '../../hooks/use-suggestions';
import { categoryLabel, EVENT_LABELS, shanghaiDateTime } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';
import '../../suggestions.css';

/** Who may handle a suggestion: the server's rule is an admin, or a secretary of the suggestion's branch. */
const HANDLER_ROLES = ['secretary', 'admin'] as const;

/** One suggestion for its handler: the text, its history, assigning it and replying. */
export default function HandlingDetailPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const state = useSuggestionDetail(params.id, member !== null);
  const [reply, setReply] = useState('');
  const [assignee, setAssignee] = useState<Member | null>(null);
  const action = useAction();
  if (!member) return null;
  const found = state.data;
  const suggestion = found?.suggestion;
  const handleable = suggestion && (suggestion.status === 'open' || suggestion.status === 'in_progress');

  const assign = async (userId: string) => {
    if (suggestion && (await action.run(() => call(suggestionsApi.assign, { params: { id: suggestion.id }, body: { assigneeId: userId } })))) {
      setAssignee(null);
      state.reload();
    }
  };
  const sendReply = async () => {
    if (suggestion && (await action.run(() => call(suggestionsApi.reply, { params: { id: suggestion.id }, body: { text: reply } })))) {
      setReply('');
      state.reload();
    }
  };

  return (
    <PageRoot>
      {state.loading && !found ? <LoadingText /> : null}
      <ErrorBanner message={state.error} onRetry={state.reload} />
      {suggestion ? (
        <View>
          <SuggestionHeading title={suggestion.title} status={suggestion.status} />
          <View className='card'>
            <HighlightedText text={suggestion.content} hits={suggestion.moderation.contentHits} />
            <InfoRow label='类别' value={categoryLabel(suggestion.category)} />
            <InfoRow label='提交' value={`${shanghaiDateTime(suggestion.createdAt)} · ${authorLine(suggestion)}`} />
            <InfoRow label='办理人' value={suggestion.assignee?.name ?? '未指派'} />
            {suggestion.rating !== undefined ? <InfoRow label='评价' value={`${suggestion.rating} 分`} /> : null}
          </View>
          {suggestion.reply ? (
            <View className='sugg-reply'>
              <Text className='sugg-reply__label'>{`${suggestion.reply.byName} 的答复`}</Text>
              <Text>{suggestion.reply.text}</Text>
            </View>
          ) : null}
          <ErrorBanner message={action.error} />
          {handleable ? (
            <View>
              <Text className='section-title'>答复</Text>
              <Textarea
                className='sugg-field__input sugg-field__textarea'
                value={reply}
                maxlength={REPLY_MAX}
                placeholder='写明办理结果或安排，提交人会看到'
                aria-label='答复内容'
                onInput={(e) => setReply(e.detail.value)}
              />
              <ActionButton label='提交答复' disabled={action.busy || reply.trim().length < 2} onTap={() => void sendReply()} />
              <Text className='section-title'>指派</Text>
              <ActionButton label='由我办理' variant='secondary' disabled={action.busy} onTap={() => void assign(member.userId)} />
              <PersonPicker
                label='指派给（本支部书记或平台管理员）'
                roles={HANDLER_ROLES}
                accept={(person) => person.roles.includes('admin') || person.branchId === suggestion.branchId}
                chosen={assignee}
                onChoose={setAssignee}
              />
              <ActionButton
                label={assignee ? `指派给${assignee.name}` : '指派'}
                variant='secondary'
                disabled={action.busy || !assignee}
                onTap={() => void (assignee && assign(assignee.userId))}
              />
            </View>
          ) : null}
          <Text className='section-title'>办理记录</Text>
          {found.history.map((event, index) => (
            <Text key={index} className='sugg-history'>
              {`${shanghaiDateTime(event.at)} ${EVENT_LABELS[event.action] ?? event.action}${event.actorName ? ` · ${event.actorName}` : ''}${event.note ? ` · ${event.note}` : ''}`}
            </Text>
          ))}
        </View>
      ) : null}
    </PageRoot>
  );
}
