import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { AUDIENCES, AUDIENCE_LABELS, MEETING_TYPES, MEETING_TYPE_LABELS, orgLifeApi, type Meeting, type MeetingType } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
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

type Audience = (typeof AUDIENCES)[number];

/**
 * The secretary plans a meeting (type, topic, time in Beijing, place or online, who attends) or, with `?id=`,
 * changes a planned one. Attendees get a WeCom notice either way.
 */
export default function PlanPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const editing = params.id ?? '';
  const existing = useAsync(() => call(orgLifeApi.getMeeting, { params: { id: editing } }), member !== null && editing !== '');
  if (!member) return null;
  if (!editing) return <MeetingForm />;
  return (
    <PageRoot>
      {existing.loading && !existing.data ? <LoadingText /> : null}
      <ErrorBanner message={existing.error} onRetry={existing.reload} />
      {existing.data ? <MeetingForm meeting={existing.data.meeting} /> : null}
    </PageRoot>
  );
}

function MeetingForm({ meeting }: { meeting?: Meeting }) {
  const [type, setType] = useState<MeetingType>(meeting?.type ?? 'committee');
  const [audience, setAudience] = useState<Audience>(meeting?.audience ?? 'committee');
  const [topic, setTopic] = useState(meeting?.topic ?? '');
  const [place, setPlace] = useState(meeting?.place ?? '');
  const [start, setStart] = useState(() => beijingText(meeting ? Date.parse(meeting.startAt) : Math.ceil(Date.now() / 600_000) * 600_000 + 600_000));
  const [hours, setHours] = useState(() => (meeting ? String((Date.parse(meeting.endAt) - Date.parse(meeting.startAt)) / 3_600_000) : '2'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(() => newRequestId('meeting'));

  const submit = async () => {
    const startAt = fromBeijingText(start);
    if (!startAt) return setError('开始时间格式应为 YYYY-MM-DD HH:mm');
    setBusy(true);
    try {
      const endAt = new Date(Date.parse(startAt) + Number(hours || '2') * 3_600_000).toISOString();
      const fields = { topic: topic.trim(), startAt, endAt, place: place.trim(), audience };
      const detail = meeting
        ? await call(orgLifeApi.editMeeting, { params: { id: meeting.id }, body: fields })
        : await call(orgLifeApi.planMeeting, { body: { clientRequestId: requestId, type, online: false, ...fields } });
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
        {meeting ? '修改会议' : '计划会议'}
      </Text>
      <Text className='field__label'>会议类型</Text>
      {meeting ? (
        <Text className='card-summary'>{MEETING_TYPE_LABELS[meeting.type]}</Text>
      ) : (
        <View className='choice-row'>
          {MEETING_TYPES.map((value) => (
            <Text key={value} className={`choice ${type === value ? 'choice--on' : ''}`} {...aria('button', MEETING_TYPE_LABELS[value], { 'aria-pressed': type === value ? 'true' : 'false' })} onClick={() => setType(value)}>
              {MEETING_TYPE_LABELS[value]}
            </Text>
          ))}
        </View>
      )}
      <Text className='field__label'>议题</Text>
      <Input className='field__input' value={topic} placeholder='例如：研究冬季防火巡护排班' aria-label='议题' maxlength={60} onInput={(event) => setTopic(event.detail.value)} />
      <Text className='field__label'>开始时间（北京时间）</Text>
      <Input className='field__input' value={start} placeholder='YYYY-MM-DD HH:mm' aria-label='开始时间' onInput={(event) => setStart(event.detail.value)} />
      <Text className='field__label'>时长（小时）</Text>
      <Input className='field__input' type='digit' value={hours} aria-label='时长' onInput={(event) => setHours(event.detail.value)} />
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
      <ActionButton label={meeting ? '保存修改并通知参会人员' : '发布会议通知'} disabled={busy || topic.trim().length === 0 || place.trim().length === 0} onTap={() => void submit()} />
    </PageRoot>
  );
}
