import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { suggestionsApi, SUGGESTION_RATING_LABELS } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { ChoiceGroup } from '../../components/choice-group';
import { HighlightedText } from '../../components/highlighted-text';
import { SuggestionHeading } from '../../components/suggestion-card';
import { useAction } from '../../hooks/use-action';
import { useMySuggestion } from '../../hooks/use-suggestions';
import { ANONYMOUS_NOTE, categoryLabel, shanghaiDateTime, statusExplanation } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';
import '../../suggestions.css';

type Rating = '1' | '2' | '3' | '4' | '5';
const RATING_OPTIONS = (Object.keys(SUGGESTION_RATING_LABELS) as Rating[]).map((value) => ({ value, label: `${value} 分 ${SUGGESTION_RATING_LABELS[value]}` }));

/** One of my suggestions: where it stands, the reviewer's outcome, the reply, and my rating of the handling. */
export default function MySuggestionPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const state = useMySuggestion(params.id, member !== null);
  const [rating, setRating] = useState<Rating | null>(null);
  const action = useAction();
  if (!member) return null;
  const suggestion = state.data?.suggestion;
  const ownerSecret = state.data?.ownerSecret;

  const rate = async () => {
    if (!suggestion || !rating) return;
    const send = ownerSecret
      ? () => call(suggestionsApi.rateAnonymous, { body: { ownerSecret, rating: Number(rating) } })
      : () => call(suggestionsApi.rate, { params: { id: suggestion.id }, body: { rating: Number(rating) } });
    if (await action.run(send)) state.reload();
  };

  return (
    <PageRoot>
      {state.loading && !suggestion ? <LoadingText /> : null}
      <ErrorBanner message={state.error} onRetry={state.reload} />
      {params.created && suggestion ? (
        <Text className='sugg-reply sugg-reply__label' {...aria('status')}>
          {suggestion.status === 'pending_review' ? '已提交，待审核' : '已提交，支部会尽快办理'}
        </Text>
      ) : null}
      {suggestion ? (
        <View>
          <SuggestionHeading title={suggestion.title} status={suggestion.status} />
          <Text className='hint'>{statusExplanation(suggestion.status)}</Text>
          <View className='card'>
            <HighlightedText text={suggestion.content} />
            <InfoRow label='类别' value={categoryLabel(suggestion.category)} />
            <InfoRow label='提交时间' value={shanghaiDateTime(suggestion.createdAt)} />
            <InfoRow label='署名' value={suggestion.anonymous ? '匿名（处理人看不到您是谁）' : '实名'} />
          </View>
          {suggestion.anonymous ? <Text className='hint'>{ANONYMOUS_NOTE}</Text> : null}
          {suggestion.review?.decision === 'reject' ? (
            <View className='sugg-reply sugg-reply--rejected'>
              <Text className='sugg-reply__label'>审核未通过的理由</Text>
              <Text>{suggestion.review.reason ?? '—'}</Text>
            </View>
          ) : null}
          {suggestion.reply ? (
            <View className='sugg-reply'>
              <Text className='sugg-reply__label'>{`${suggestion.reply.byName} 的答复（${shanghaiDateTime(suggestion.reply.at)}）`}</Text>
              <Text>{suggestion.reply.text}</Text>
            </View>
          ) : null}
          {suggestion.rating !== undefined ? (
            <Text className='hint'>{`您的评价：${suggestion.rating} 分（${SUGGESTION_RATING_LABELS[String(suggestion.rating) as Rating]}）`}</Text>
          ) : null}
          {suggestion.status === 'replied' && suggestion.rating === undefined ? (
            <View>
              <Text className='section-title'>对办理情况满意吗？</Text>
              <ChoiceGroup options={RATING_OPTIONS} chosen={rating} onChoose={setRating} />
              <ErrorBanner message={action.error} />
              <ActionButton label='提交评价' disabled={!rating || action.busy} onTap={() => void rate()} />
            </View>
          ) : null}
        </View>
      ) : null}
    </PageRoot>
  );
}
