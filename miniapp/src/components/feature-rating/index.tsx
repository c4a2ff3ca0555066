import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { FEATURES, feedbackApi, type FeatureKey, type RatingResult } from '@shared/api';
import { call, messageOf } from '../../services/api';
import { sendOrQueue } from '../../services/outbox';
import { cachedToggles, isOn } from '../../services/toggles';
import { newEventId } from '../../services/usage';
import { aria } from '../a11y';
import { ActionButton } from '../action-button';
import { ErrorBanner } from '../error-banner';
import './index.css';

const SCORES = [
  { value: 1, label: '很差' },
  { value: 2, label: '较差' },
  { value: 3, label: '一般' },
  { value: 4, label: '好用' },
  { value: 5, label: '很好用' },
] as const;

const THANKS: Record<RatingResult['commentStatus'] | 'queued', string> = {
  queued: '网络不给力，评价已保存在手机上（待发送），联网后自动提交。谢谢您！',
  none: '谢谢您的评价！',
  published: '谢谢您的评价和意见！',
  held: '谢谢您的评价！您的意见将在审核后转给管理员参考。',
};

/**
 * "这个功能好用吗？": a 1–5 rating with an optional comment, for any feature page to drop in
 * (`<FeatureRating feature='dues' />`). Hidden when the feedback feature is off for the member.
 */
export function FeatureRating({ feature }: { feature: FeatureKey }) {
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RatingResult['commentStatus'] | 'queued' | null>(null);
  // One id per submission attempt: a retry after a lost answer counts once.
  const [requestId, setRequestId] = useState(() => newEventId());

  if (!isOn(cachedToggles(), 'feedback')) return null;
  if (done) {
    return (
      <View className='card feature-rating' {...aria('status')}>
        <Text className='feature-rating__thanks'>{THANKS[done]}</Text>
      </View>
    );
  }

  const submit = () => {
    if (rating === null) return;
    setSending(true);
    setError(null);
    const text = comment.trim();
    const body = { feature, rating, clientRequestId: requestId, ...(text ? { comment: text } : {}) };
    sendOrQueue({ kind: 'rating', body }, `${FEATURES[feature]} ${rating} 分`, () => call(feedbackApi.rate, { body })).then(
      (delivery) => setDone(delivery.sent ? delivery.result.commentStatus : 'queued'),
      (reason: unknown) => {
        setError(messageOf(reason));
        setSending(false);
      },
    );
  };

  return (
    <View className='card feature-rating'>
      <Text className='feature-rating__title' {...aria('heading', undefined, { 'aria-level': '2' })}>
        这个功能好用吗？
      </Text>
      <View className='feature-rating__scores'>
        {SCORES.map((score) => (
          <View
            key={score.value}
            className={`feature-rating__score${rating === score.value ? ' feature-rating__score--chosen' : ''}`}
            {...aria('button', `${score.value} 分，${score.label}`, { 'aria-pressed': String(rating === score.value) })}
            onClick={() => {
              setRating(score.value);
              setRequestId(newEventId());
            }}
          >
            <Text className='feature-rating__value'>{score.value}</Text>
            <Text className='feature-rating__label'>{score.label}</Text>
          </View>
        ))}
      </View>
      {rating !== null ? (
        <View>
          <Textarea
            className='feature-rating__comment'
            value={comment}
            maxlength={300}
            aria-label='补充意见（可不填）'
            placeholder='还有什么想说的？（可不填）'
            onInput={(event) => {
              setComment(event.detail.value);
              setRequestId(newEventId());
            }}
          />
          <ErrorBanner message={error} />
          <ActionButton label={sending ? '正在提交…' : '提交评价'} disabled={sending} onTap={submit} />
        </View>
      ) : null}
    </View>
  );
}
