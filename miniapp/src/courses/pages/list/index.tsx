import { Text } from '@tarojs/components';
import { useState } from 'react';
import { COURSE_TAGS, COURSE_TYPE_LABELS, COURSE_TYPES, coursesApi, type CourseType } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { CacheNote } from '../../../components/cache-note';
import { LoadingText } from '../../../components/loading-text';
import { useCachedCall } from '../../../hooks/use-cached';
import { useRequiredMember } from '../../../hooks/use-session';
import { Chips } from '../../components/chips';
import { CourseCard } from '../../components/course-card';
import { PageRoot } from '../../../components/page-root';
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
  // One stored copy per filter: the catalogue browses offline as far as it was seen online.
  const list = useCachedCall(coursesApi.listCourses, `courses.list.${kind ?? ''}.${type ?? ''}.${tag ?? ''}`, { query: { tag, type, kind, limit: 200 } }, member !== null);
  const reloadWith = <T,>(set: (value: T) => void) => (value: T) => set(value);
  if (!member) return null;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        全部课程
      </Text>
      <Chips options={KINDS} chosen={kind} onChoose={reloadWith(setKind)} />
      <Chips options={COURSE_TYPES.map((value) => ({ value, label: COURSE_TYPE_LABELS[value] }))} chosen={type} onChoose={reloadWith(setType)} />
      <Chips options={COURSE_TAGS.map((value) => ({ value, label: value }))} chosen={tag} onChoose={reloadWith(setTag)} />
      {list.loading && !list.data ? <LoadingText /> : null}
      <ErrorBanner message={list.error} onRetry={list.reload} />
      <CacheNote staleSince={list.staleSince} />
      {list.data ? <Text className='muted'>{`共 ${list.data.total} 门课程`}</Text> : null}
      {list.data?.items.map(({ course, progress }) => (
        <CourseCard key={course.courseId} course={course} note={progress ? (progress.completed ? '已完成' : `已学 ${progress.progress}%`) : undefined} />
      ))}
    </PageRoot>
  );
}
