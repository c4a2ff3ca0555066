import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MEETING_TYPE_LABELS, type PlanEntry } from '@shared/api';
import { ActionButton } from '../../../components/action-button';

interface EntryEditorProps {
  entry: PlanEntry;
  busy: boolean;
  onSave: (entry: PlanEntry) => void;
  onClose: () => void;
}

/** Changes one line of the plan: the day (inside its month, quarter or year) and the topic. */
export function EntryEditor({ entry, busy, onSave, onClose }: EntryEditorProps) {
  const [day, setDay] = useState(entry.plannedDay);
  const [topic, setTopic] = useState(entry.topic ?? '');
  const save = () => {
    const { topic: _previous, ...rest } = entry;
    onSave({ ...rest, plannedDay: day.trim(), ...(topic.trim() ? { topic: topic.trim() } : {}) });
  };
  return (
    <View className='card'>
      <Text className='card-title'>{`修改：${entry.period} ${MEETING_TYPE_LABELS[entry.type]}`}</Text>
      <Text className='field__label'>计划日期</Text>
      <Input className='field__input' value={day} placeholder='YYYY-MM-DD' aria-label='计划日期' onInput={(event) => setDay(event.detail.value)} />
      <Text className='field__label'>议题</Text>
      <Input className='field__input' value={topic} placeholder='可不填' aria-label='计划议题' maxlength={60} onInput={(event) => setTopic(event.detail.value)} />
      <ActionButton label='保存计划' disabled={busy || !/^\d{4}-\d{2}-\d{2}$/.test(day.trim())} onTap={save} />
      <ActionButton label='取消修改' variant='secondary' onTap={onClose} />
    </View>
  );
}
