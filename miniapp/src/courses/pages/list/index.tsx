import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { COURSE_TAGS, COURSE_TYPE_LABELS, COURSE_TYPES, coursesApi, type CourseType } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { Chips } from '../../components/chips';
import { CourseCard } from '../../components/course-card';
import '../../courses.css';

const KINDS = [
  { value: 'required' as const, label: '必修' },
  { value: 'elective' as const, label: '选修' },
];

/** The whole catalogue with filters by topic, format and required/elective. */
export default function CourseListPage() {
  const member = useRequiredMember();
  const [tag, setTag] = useState<string>();
  const [type, setType] = useState<CourseType>();
  const [kind, setKind] = useState<'required' | 'elective'>();
  const list = useAsync(() => call(coursesApi.listCourses, { query: { tag, type, kind, limit: 200 } }), member !== null);
  const reloadWith = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setTimeout(list.reload, 0);
  };
  if (!member) return null;

  return (
    <View className='page'>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        全部课程
      </Text>
      <Chips options={KINDS} chosen={kind} onChoose={reloadWith(setKind)} />
      <Chips options={COURSE_TYPES.map((value) => ({ value, label: COURSE_TYPE_LABELS[value] }))} chosen={type} onChoose={reloadWith(setType)} />
      <Chips options={COURSE_TAGS.map((value) => ({ value, label: value }))} chosen={tag} onChoose={reloadWith(setTag)} />
      {list.loading ? <LoadingText /> : null}
      <ErrorBanner message={list.error} onRetry={list.reload} />
      {list.data ? <Text className='muted'>{`共 ${list.data.total} 门课程`}</Text> : null}
      {list.data?.items.map(({ course, progress }) => (
        <CourseCard key={course.courseId} course={course} note={progress ? (progress.completed ? '已完成' : `已学 ${progress.progress}%`) : undefined} />
      ))}
    </View>
  );
}
