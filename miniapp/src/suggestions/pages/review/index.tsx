import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { suggestionsApi, type HandledSuggestion } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { authorLine } from '../../components/author-line';
import { HighlightedText } from '../../components/highlighted-text';
import { useAction } from '../../hooks/use-action';
import { useReviewQueue } from '../../hooks/use-suggestions';
import { reviewReason } from '@shared/moderation/review-reason';
import { categoryLabel, shanghaiDateTime } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';
import '../../suggestions.css';

/** One held suggestion: the text with what the filter found marked, and the reviewer's decision. */
function ReviewItem({ suggestion, onDecided }: { suggestion: HandledSuggestion; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const decide = async (decision: 'approve' | 'reject') => {
    const body = { decision, ...(reason.trim() ? { reason } : {}) };
    if (await action.run(() => call(suggestionsApi.decide, { params: { id: suggestion.id }, body }))) onDecided();
  };
  const why = reviewReason([
    { text: suggestion.title, hits: suggestion.moderation.titleHits },
    { text: suggestion.content, hits: suggestion.moderation.contentHits },
  ]);
  return (
    <View className='card' {...aria('status', `待审核：${suggestion.title}`)}>
      <HighlightedText title text={suggestion.title} hits={suggestion.moderation.titleHits} />
      <HighlightedText text={suggestion.content} hits={suggestion.moderation.contentHits} />
      <Text className='sugg-card__meta'>{`${categoryLabel(suggestion.category)} · ${shanghaiDateTime(suggestion.createdAt)} · ${authorLine(suggestion)}`}</Text>
      <Text className='sugg-card__meta'>{why}</Text>
      <View className='sugg-field'>
        <Text className='sugg-field__label'>理由（不通过时必填，提交人会看到）</Text>
        <Input className='sugg-field__input' value={reason} maxlength={200} aria-label='审核理由' onInput={(e) => setReason(e.detail.value)} />
      </View>
      <ErrorBanner message={action.error} />
      <ActionButton label={`通过：${suggestion.title}`} disabled={action.busy} onTap={() => void decide('approve')}>
        通过
      </ActionButton>
      <ActionButton label={`不通过：${suggestion.title}`} variant='secondary' disabled={action.busy} onTap={() => void decide('reject')}>
        不通过
      </ActionButton>
    </View>
  );
}

/** The review queue, oldest first. */
export default function ReviewQueuePage() {
  const member = useRequiredMember();
  const queue = useReviewQueue(member !== null);
  useDidShow(() => queue.reload());
  if (!member) return null;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        审核队列
      </Text>
      <Text className='hint'>黄色标出的是过滤器发现的词语。通过后意见转给支部办理；不通过请写明理由。</Text>
      {queue.loading && !queue.data ? <LoadingText /> : null}
      <ErrorBanner message={queue.error} onRetry={queue.reload} />
      {queue.data?.length === 0 ? <Text className='hint'>没有待审核的意见</Text> : null}
      {queue.data?.map((suggestion) => <ReviewItem key={suggestion.id} suggestion={suggestion} onDecided={queue.reload} />)}
    </PageRoot>
  );
}
