import { COURSE_TYPE_LABELS, type Course } from '@shared/api';

export const hoursText = (hours: number) => `${hours} 学时`;

export function courseMeta(course: Course): string {
  const parts = [COURSE_TYPE_LABELS[course.type], hoursText(course.hours), course.required ? `必修 · ${dueText(course.dueDate!)}前完成` : '选修'];
  return parts.join(' · ');
}

export function dueText(day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return `${month}月${date}日`;
}

export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
