import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { coursesApi, type CourseSettings } from '@shared/api';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { call, messageOf } from '../../services/api';

type PushSettings = CourseSettings['push'];
type NumberSetting = 'itemsPerNotice' | 'minDaysBetweenPushes' | 'maxPushesPer30Days' | 'sendRatePerSecond';

const NUMBER_FIELDS: ReadonlyArray<{ key: NumberSetting; label: string }> = [
  { key: 'itemsPerNotice', label: '每条消息推荐的课程数（1–10 门）' },
  { key: 'minDaysBetweenPushes', label: '同一党员两次推送至少间隔（天）' },
  { key: 'maxPushesPer30Days', label: '同一党员 30 天内最多推送（次）' },
  { key: 'sendRatePerSecond', label: '每秒发送消息数（企业微信限制，最多 40 条）' },
];

/** The admin's frequency caps, sending rate and quiet hours; the server checks every value and answers in Chinese. */
export function PushSettingsForm({ settings, onSaved }: { settings: CourseSettings; onSaved: () => void }) {
  const [numbers, setNumbers] = useState<Record<NumberSetting, string>>(() => ({
    itemsPerNotice: String(settings.push.itemsPerNotice),
    minDaysBetweenPushes: String(settings.push.minDaysBetweenPushes),
    maxPushesPer30Days: String(settings.push.maxPushesPer30Days),
    sendRatePerSecond: String(settings.push.sendRatePerSecond),
  }));
  const [quiet, setQuiet] = useState(settings.push.quietHours);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = () => {
    setSaving(true);
    setError(null);
    setSaved(false);
    const push: PushSettings = {
      ...settings.push,
      itemsPerNotice: Number(numbers.itemsPerNotice),
      minDaysBetweenPushes: Number(numbers.minDaysBetweenPushes),
      maxPushesPer30Days: Number(numbers.maxPushesPer30Days),
      sendRatePerSecond: Number(numbers.sendRatePerSecond),
      quietHours: quiet,
    };
    call(coursesApi.updatePushSettings, { body: { ...settings, push } })
      .then(() => {
        setSaved(true);
        onSaved();
      })
      .catch((reason: unknown) => setError(messageOf(reason)))
      .finally(() => setSaving(false));
  };

  return (
    <View className='card'>
      <Text className='card-title'>推送设置</Text>
      {NUMBER_FIELDS.map(({ key, label }) => (
        <View key={key} className='field'>
          <Text className='field__label'>{label}</Text>
          <Input className='field__input' type='number' value={numbers[key]} aria-label={label} onInput={(e) => setNumbers({ ...numbers, [key]: e.detail.value })} />
        </View>
      ))}
      <View className='field'>
        <Text className='field__label'>免打扰开始（北京时间 HH:mm）</Text>
        <Input className='field__input' value={quiet.start} aria-label='免打扰开始' onInput={(e) => setQuiet({ ...quiet, start: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field__label'>免打扰结束（北京时间 HH:mm）</Text>
        <Input className='field__input' value={quiet.end} aria-label='免打扰结束' onInput={(e) => setQuiet({ ...quiet, end: e.detail.value })} />
      </View>
      <ErrorBanner message={error} />
      {saved ? <Text className='hint'>推送设置已保存，下次推送起生效</Text> : null}
      <ActionButton label={saving ? '正在保存…' : '保存推送设置'} disabled={saving} onTap={save} />
    </View>
  );
}
