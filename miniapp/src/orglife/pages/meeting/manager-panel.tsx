import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ATTENDANCE_LABELS, orgLifeApi, suggestionsApi, type MeetingDetail } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { QrCode } from '../../../components/qr-code';
import { useAsync } from '../../../hooks/use-async';
import { call, messageOf } from '../../../services/api';
import { useMeetingCode } from '../../hooks';
import { PlanChanges, RecordDownload } from './plan-changes';

interface ManagerPanelProps {
  detail: MeetingDetail;
  onChanged: () => void;
}

/** The QR code members scan in WeCom, with the same code as six digits for those who type it (H5). */
function CheckinCode({ id }: { id: string }) {
  const { token, error, secondsLeft } = useMeetingCode(id, true);
  return (
    <View className='card'>
      <ErrorBanner message={error} />
      {token ? (
        <View>
          <QrCode text={token.token} label='会议签到二维码' />
          <Text className='orglife-code checkin-code' {...aria('status', `签到码 ${token.code}`)}>{token.code}</Text>
          <Text className='hint'>{`${secondsLeft} 秒后更新`}</Text>
        </View>
      ) : (
        <Text className='hint'>正在生成签到码…</Text>
      )}
      <Text className='hint'>二维码和签到码每半分钟更新，截图转发无效；签到不需要定位和照片。</Text>
    </View>
  );
}

/** Open suggestions of the branch, to put one on the agenda (title only: the author stays unknown). */
function AgendaPicker({ detail, onChanged }: ManagerPanelProps) {
  const open = useAsync(async () => (await call(suggestionsApi.handlingList, { query: { status: 'open', limit: 50 } })).items, true);
  const [error, setError] = useState<string | null>(null);
  const onAgenda = new Set((detail.agenda ?? []).map((item) => item.suggestionId));
  const add = async (suggestionId: string) => {
    try {
      await call(orgLifeApi.addAgenda, { params: { id: detail.meeting.id }, body: { suggestionId } });
      onChanged();
    } catch (reason) {
      setError(messageOf(reason));
    }
  };
  return (
    <View className='card'>
      <Text className='card-title'>议程中的党员意见</Text>
      {(detail.agenda ?? []).map((item) => <Text key={item.suggestionId} className='card-summary'>{`· ${item.title}`}</Text>)}
      {(open.data ?? []).filter((s) => !onAgenda.has(s.id)).map((s) => (
        <View key={s.id} className='orglife-row'>
          <Text>{s.title}</Text>
          <ActionButton label={`列入议程：${s.title}`} variant='secondary' onTap={() => void add(s.id)}>列入议程</ActionButton>
        </View>
      ))}
      <ErrorBanner message={error} />
    </View>
  );
}

/** Minutes and one resolution at a time (answering an agenda suggestion, with an optional follow-up task). */
function RecordForm({ detail, onChanged }: ManagerPanelProps) {
  const [minutes, setMinutes] = useState('');
  const [resolution, setResolution] = useState('');
  const [suggestionId, setSuggestionId] = useState<string | undefined>(detail.agenda?.[0]?.suggestionId);
  const [task, setTask] = useState('');
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      const resolutions = resolution.trim()
        ? [{ text: resolution.trim(), ...(suggestionId ? { suggestionId } : {}), ...(task.trim() && ownerId ? { task: { title: task.trim(), ownerId, dueDate } } : {}) }]
        : [];
      await call(orgLifeApi.recordMeeting, { params: { id: detail.meeting.id }, body: { minutes: minutes.trim(), resolutions } });
      onChanged();
    } catch (reason) {
      setError(messageOf(reason));
    }
  };
  return (
    <View className='card'>
      <Text className='card-title'>会议记录</Text>
      <Textarea className='field__input field__textarea' value={minutes} placeholder='会议记录' aria-label='会议记录' maxlength={5000} onInput={(event) => setMinutes(event.detail.value)} />
      <Input className='field__input' value={resolution} placeholder='决议内容' aria-label='决议内容' maxlength={500} onInput={(event) => setResolution(event.detail.value)} />
      {(detail.agenda ?? []).map((item) => (
        <Text
          key={item.suggestionId}
          className={`choice ${suggestionId === item.suggestionId ? 'choice--on' : ''}`}
          {...aria('button', `答复意见：${item.title}`, { 'aria-pressed': suggestionId === item.suggestionId ? 'true' : 'false' })}
          onClick={() => setSuggestionId(suggestionId === item.suggestionId ? undefined : item.suggestionId)}
        >
          {`答复意见：${item.title}`}
        </Text>
      ))}
      <Input className='field__input' value={task} placeholder='落实任务（可不填）' aria-label='落实任务' maxlength={100} onInput={(event) => setTask(event.detail.value)} />
      {task.trim() ? (
        <View>
          <Text className='field__label'>负责人</Text>
          {(detail.attendance ?? []).map((line) => (
            <Text key={line.userId} className={`choice ${ownerId === line.userId ? 'choice--on' : ''}`} {...aria('button', line.name)} onClick={() => setOwnerId(line.userId)}>
              {line.name}
            </Text>
          ))}
          <Input className='field__input' value={dueDate} placeholder='完成日期 YYYY-MM-DD' aria-label='完成日期' onInput={(event) => setDueDate(event.detail.value)} />
        </View>
      ) : null}
      <ActionButton label='保存会议记录' disabled={minutes.trim().length === 0} onTap={() => void save()} />
      <ErrorBanner message={error} />
    </View>
  );
}

function TaskList({ detail, onChanged }: ManagerPanelProps) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = async (taskId: string) => {
    try {
      await call(orgLifeApi.closeTask, { params: { id: detail.meeting.id, taskId }, body: { note: note.trim() } });
      onChanged();
    } catch (reason) {
      setError(messageOf(reason));
    }
  };
  if (!detail.tasks?.length) return null;
  return (
    <View className='card'>
      <Text className='card-title'>落实任务</Text>
      {detail.tasks.map((task) => (
        <View key={task.id}>
          <Text className='card-summary'>{`${task.title}｜${task.ownerName}｜${task.dueDate}｜${task.status === 'done' ? '已办结' : task.overdue ? '已逾期' : '办理中'}`}</Text>
          {task.status === 'open' ? <ActionButton label='办结' variant='secondary' disabled={note.trim().length < 2} onTap={() => void close(task.id)} /> : null}
        </View>
      ))}
      <Input className='field__input' value={note} placeholder='办理结果' aria-label='办理结果' onInput={(event) => setNote(event.detail.value)} />
      <ErrorBanner message={error} />
    </View>
  );
}

/** The secretary's part: the rotating code, attendance with quorum, agenda, minutes and follow-up. */
export function ManagerPanel({ detail, onChanged }: ManagerPanelProps) {
  const [showCode, setShowCode] = useState(false);
  const planned = detail.meeting.status === 'planned';
  return (
    <View>
      {planned ? <ActionButton label={showCode ? '收起签到码' : '出示签到码'} variant='secondary' onTap={() => setShowCode(!showCode)} /> : null}
      {planned && showCode ? <CheckinCode id={detail.meeting.id} /> : null}
      <View className='card'>
        <Text className='card-title'>出勤</Text>
        {detail.quorum ? <Text className={detail.quorum.met ? 'card-summary' : 'orglife-short'}>{detail.quorum.rule}</Text> : null}
        {(detail.attendance ?? []).map((line) => (
          <View key={line.userId} className='orglife-row'>
            <Text>{line.name}</Text>
            <Text>{`${ATTENDANCE_LABELS[line.status]}${line.leaveReason ? `（${line.leaveReason}）` : ''}`}</Text>
          </View>
        ))}
      </View>
      {planned ? <AgendaPicker detail={detail} onChanged={onChanged} /> : null}
      {planned && Date.parse(detail.meeting.startAt) <= Date.now() ? <RecordForm detail={detail} onChanged={onChanged} /> : null}
      <TaskList detail={detail} onChanged={onChanged} />
      {planned ? <PlanChanges detail={detail} onChanged={onChanged} /> : null}
      {detail.meeting.status === 'held' ? <RecordDownload detail={detail} /> : null}
    </View>
  );
}
