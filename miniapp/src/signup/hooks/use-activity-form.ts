import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { scheduleProblems, signupApi, type Activity, type ActivityInput, type ActivityPatch, type ActivityType, type MemberCategory } from '@shared/api';
import { call } from '../../services/api';
import { newRequestId } from '../../services/request-id';
import { beijingDay, fromFormParts, toFormParts } from '../services/time';
import { useAction } from './use-action';
import { SIGNUP_ROUTES, withQuery } from '../../routes';

export const TIME_FIELDS = ['startAt', 'endAt', 'signupOpensAt', 'signupDeadline'] as const;
export type TimeField = (typeof TIME_FIELDS)[number];

export interface ActivityForm {
  title: string;
  type: ActivityType;
  description: string;
  place: string;
  times: Record<TimeField, { date: string; time: string }>;
  capacity: string;
  waitlistSize: string;
  branchIds: string[];
  categories: MemberCategory[];
  checkInRequired: boolean;
}

/** A new activity: tomorrow morning, sign-up open from now until an hour before the start. */
function blankForm(now = Date.now()): ActivityForm {
  const tomorrow = beijingDay(1, now);
  return {
    title: '',
    type: 'party-day',
    description: '',
    place: '',
    times: {
      startAt: { date: tomorrow, time: '09:00' },
      endAt: { date: tomorrow, time: '11:00' },
      signupOpensAt: toFormParts(new Date(now - (now % 60_000)).toISOString()),
      signupDeadline: { date: tomorrow, time: '08:00' },
    },
    capacity: '30',
    waitlistSize: '10',
    branchIds: [],
    categories: [],
    checkInRequired: true,
  };
}

function formOf(activity: Activity): ActivityForm {
  return {
    title: activity.title,
    type: activity.type,
    description: activity.description,
    place: activity.place,
    times: {
      startAt: toFormParts(activity.startAt),
      endAt: toFormParts(activity.endAt),
      signupOpensAt: toFormParts(activity.signupOpensAt),
      signupDeadline: toFormParts(activity.signupDeadline),
    },
    capacity: String(activity.capacity),
    waitlistSize: String(activity.waitlistSize),
    branchIds: activity.branchIds,
    categories: activity.categories,
    checkInRequired: activity.checkInRequired,
  };
}

type Fields = Omit<ActivityInput, 'clientRequestId'>;

function fieldsOf(form: ActivityForm): Fields | string[] {
  const problems: string[] = [];
  const count = (text: string, label: string, min: number) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value < min) problems.push(`${label}应为不小于 ${min} 的整数`);
    return value;
  };
  if (form.title.trim() === '') problems.push('请填写活动名称');
  if (form.place.trim() === '') problems.push('请填写活动地点');
  const at = (field: TimeField) => fromFormParts(form.times[field].date, form.times[field].time);
  const fields: Fields = {
    title: form.title.trim(),
    type: form.type,
    description: form.description.trim(),
    place: form.place.trim(),
    startAt: at('startAt'),
    endAt: at('endAt'),
    signupOpensAt: at('signupOpensAt'),
    signupDeadline: at('signupDeadline'),
    capacity: count(form.capacity, '名额', 1),
    waitlistSize: count(form.waitlistSize, '候补名额', 0),
    branchIds: form.branchIds,
    categories: form.categories,
    checkInRequired: form.checkInRequired,
  };
  problems.push(...scheduleProblems(fields).map((problem) => problem.message));
  return problems.length > 0 ? problems : fields;
}

/** Only what changed: an edit never resends (or overwrites) what the organiser did not touch. */
function patchOf(before: Fields, after: Fields): ActivityPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof Fields>) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return patch as ActivityPatch;
}

/** The create/edit form: fields, the problems found before sending, and saving. */
export function useActivityForm(id: string | undefined, enabled: boolean) {
  const [form, setForm] = useState<ActivityForm>(() => blankForm());
  const [original, setOriginal] = useState<Fields | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  // One id per form: tapping save again after a lost answer creates nothing twice.
  const requestId = useRef(newRequestId('act'));
  const action = useAction();

  useEffect(() => {
    if (!enabled || !id) return;
    call(signupApi.getActivity, { params: { id } }).then(
      (detail) => {
        const loaded = formOf(detail.activity);
        setForm(loaded);
        const fields = fieldsOf(loaded);
        setOriginal(Array.isArray(fields) ? null : fields);
      },
      (reason: unknown) => setLoadError(reason instanceof Error ? reason.message : '活动加载失败'),
    );
  }, [id, enabled]);

  const update = (change: Partial<ActivityForm>) => setForm((current) => ({ ...current, ...change }));
  const setTime = (field: TimeField, part: 'date' | 'time', value: string) =>
    setForm((current) => ({ ...current, times: { ...current.times, [field]: { ...current.times[field], [part]: value } } }));

  const save = () => {
    const fields = fieldsOf(form);
    if (Array.isArray(fields)) {
      setProblems(fields);
      return;
    }
    setProblems([]);
    action.run(async () => {
      const detail = id
        ? await call(signupApi.updateActivity, { params: { id }, body: original ? patchOf(original, fields) : fields })
        : await call(signupApi.createActivity, { body: { ...fields, clientRequestId: requestId.current } });
      void Taro.redirectTo({ url: withQuery(SIGNUP_ROUTES.detail, { id: detail.activity.id }) });
      return id ? '已保存修改' : '活动已发布';
    });
  };

  return { form, update, setTime, problems, loadError, action, save };
}
