import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AUDIENCES, AUDIENCE_LABELS, MEETING_TYPES, MEETING_TYPE_LABELS, orgLifeApi, type MeetingType } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { PageRoot } from '../../../components/page-root';
import { useRequiredMember } from '../../../hooks/use-session';
import { ORG_LIFE_ROUTES, withQuery } from '../../../routes';
import { call, messageOf } from '../../../services/api';
import { beijingParts, pad } from '../../../services/beijing-time';
import { newRequestId } from '../../../services/request-id';
import '../../orglife.css';

/** "YYYY-MM-DD HH:mm" in Beijing time for an instant, and back. */
const beijingText = (ms: number) => {
  const t = beijingParts(ms);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
};
const fromBeijingText = (text: string) => {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(text.trim());
  return match ? new Date(`${match[1]}T${match[2]}:00+08:00`).toISOString() : null;
};

/** The secretary plans a meeting: type, topic, time (Beijing), place or online, who attends. Attendees get a WeCom notice. */
export default function PlanPage() {
  const member = useRequiredMember();
  const [type, setType] = useState<MeetingType>('committee');
  const [audience, setAudience] = useState<(typeof AUDIENCES)[number]>('committee');
  const [topic, setTopic] = useState('');
  const [place, setPlace] = useState('');
  const [start, setStart] = useState(() => beijingText(Math.ceil(Date.now() / 600_000) * 600_000 + 600_000));
  const [hours, setHours] = useState('2');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(() => newRequestId('meeting'));
  if (!member) return null;

  const submit = async () => {
    const startAt = fromBeijingText(start);
    if (!startAt) return setError('开始时间格式应为 YYYY-MM-DD HH:mm');
    setBusy(true);
    try {
      const endAt = new Date(Date.parse(startAt) + Number(hours || '2') * 3_600_000).toISOString();
      const detail = await call(orgLifeApi.planMeeting, {
        body: { clientRequestId: requestId, type, topic: topic.trim(), startAt, endAt, place: place.trim(), online: false, audience },
      });
      await Taro.redirectTo({ url: withQuery(ORG_LIFE_ROUTES.meeting, { id: detail.meeting.id }) });
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        计划会议
      </Text>
      <Text className='field__label'>会议类型</Text>
      <View className='choice-row'>
        {MEETING_TYPES.map((value) => (
          <Text key={value} className={`choice ${type === value ? 'choice--on' : ''}`} {...aria('button', MEETING_TYPE_LABELS[value], { 'aria-pressed': type === value ? 'true' : 'false' })} onClick={() => setType(value)}>
            {MEETING_TYPE_LABELS[value]}
          </Text>
        ))}
      </View>
      <Text className='field__label'>议题</Text>
      <Input className='field__input' value={topic} placeholder='例如：研究冬季防火巡护排班' aria-label='议题' maxlength={60} onInput={(event) => setTopic(event.detail.value)} />
      <Text className='field__label'>开始时间（北京时间）</Text>
      <Input className='field__input' value={start} placeholder='YYYY-MM-DD HH:mm' aria-label='开始时间' onInput={(event) => setStart(event.detail.value)} />
      <Text className='field__label'>时长（小时）</Text>
      <Input className='field__input' type='number' value={hours} aria-label='时长' onInput={(event) => setHours(event.detail.value)} />
      <Text className='field__label'>地点或线上方式</Text>
      <Input className='field__input' value={place} placeholder='例如：林场会议室' aria-label='地点' maxlength={60} onInput={(event) => setPlace(event.detail.value)} />
      <Text className='field__label'>参会人员</Text>
      <View className='choice-row'>
        {AUDIENCES.filter((value) => value !== 'group').map((value) => (
          <Text key={value} className={`choice ${audience === value ? 'choice--on' : ''}`} {...aria('button', AUDIENCE_LABELS[value], { 'aria-pressed': audience === value ? 'true' : 'false' })} onClick={() => setAudience(value)}>
            {AUDIENCE_LABELS[value]}
          </Text>
        ))}
      </View>
      <ErrorBanner message={error} />
      <ActionButton label='发布会议通知' disabled={busy || topic.trim().length === 0 || place.trim().length === 0} onTap={() => void submit()} />
    </PageRoot>
  );
}
