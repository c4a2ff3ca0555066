import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS, CATEGORY_LABELS, MEMBER_CATEGORIES, type MemberCategory } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { BranchPicker } from '../../../components/pickers';
import { useRequiredMember } from '../../../hooks/use-session';
import { ChoiceRow } from '../../components/choice-row';
import { TIME_FIELDS, useActivityForm, type TimeField as TimeFieldName } from '../../hooks/use-activity-form';
import { TimeField } from './time-field';
import { PageRoot } from '../../../components/page-root';
import '../../signup.css';

const TIME_LABELS: Record<TimeFieldName, string> = {
  startAt: '活动开始',
  endAt: '活动结束',
  signupOpensAt: '报名开始',
  signupDeadline: '报名截止',
};

const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);
const label = (text: string) => ({ 'aria-label': text });

/** Create or edit an activity (organisers: a secretary for their branch, an admin for any branches). */
export default function ActivityEditPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const editing = params.id;
  const { form, update, setTime, problems, loadError, action, save } = useActivityForm(editing, member !== null);
  const isAdmin = member?.roles.includes('admin') ?? false;
  useEffect(() => {
    if (editing) void Taro.setNavigationBarTitle({ title: '修改活动' });
  }, [editing]);
  if (!member) return null;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {editing ? '修改活动' : '发起活动'}
      </Text>
      <ErrorBanner message={loadError} />
      <View className='field'>
        <Text className='field__label'>活动名称</Text>
        <Input className='field__input' value={form.title} maxlength={40} placeholder='例如：主题党日：重温入党誓词' {...label('活动名称')} onInput={(e) => update({ title: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field__label'>活动类型</Text>
        <ChoiceRow options={ACTIVITY_TYPES.map((value) => ({ value, label: ACTIVITY_TYPE_LABELS[value] }))} chosen={[form.type]} onToggle={(type) => update({ type })} />
      </View>
      <View className='field'>
        <Text className='field__label'>活动地点</Text>
        <Input className='field__input' value={form.place} maxlength={60} placeholder='例如：支部党员活动室' {...label('活动地点')} onInput={(e) => update({ place: e.detail.value })} />
      </View>
      {TIME_FIELDS.map((field) => (
        <TimeField key={field} label={TIME_LABELS[field]} value={form.times[field]} onChange={(part, value) => setTime(field, part, value)} />
      ))}
      <View className='field'>
        <Text className='field__label'>名额</Text>
        <Input className='field__input' type='number' value={form.capacity} placeholder='名额人数' {...label('名额')} onInput={(e) => update({ capacity: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field__label'>候补名额（名额满后可排队的人数，0 为不设候补）</Text>
        <Input className='field__input' type='number' value={form.waitlistSize} placeholder='候补人数' {...label('候补名额')} onInput={(e) => update({ waitlistSize: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field__label'>参加对象（不选为全部类别）</Text>
        <ChoiceRow
          options={MEMBER_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }))}
          chosen={form.categories}
          onToggle={(category: MemberCategory) => update({ categories: toggle(form.categories, category) })}
        />
      </View>
      {isAdmin ? (
        <BranchPicker label='面向支部' emptyText='未选择，即全体党员' chosen={form.branchIds} onChange={(branchIds) => update({ branchIds })} />
      ) : (
        <Text className='hint'>活动面向本支部党员</Text>
      )}
      <View className='field field__switch'>
        <Text className='field__label'>需要现场签到</Text>
        <Switch checked={form.checkInRequired} color='#b71c1c' aria-label='需要现场签到' onChange={(e) => update({ checkInRequired: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field__label'>活动介绍</Text>
        <Textarea
          className='field__input field__textarea'
          value={form.description}
          maxlength={2000}
          placeholder='活动内容、集合方式、需要携带的物品'
          {...label('活动介绍')}
          onInput={(e) => update({ description: e.detail.value })}
        />
      </View>
      {problems.length > 0 ? <ErrorBanner message={problems.join('；')} /> : null}
      <ErrorBanner message={action.error} />
      <ActionButton label={editing ? '保存修改' : '发布活动'} disabled={action.busy} onTap={save} />
    </PageRoot>
  );
}
