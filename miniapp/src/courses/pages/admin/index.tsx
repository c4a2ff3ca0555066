import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { COURSE_STATUS_LABELS, coursesApi, type Course } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { ApiError, call, messageOf } from '../../../services/api';
import { ContentEditor } from '../../components/content-editor';
import { courseMeta } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';
import '../../courses.css';

const CSV_EXAMPLE =
  '课程编号,课程名称,简介,类型,学时,标签,适用类别,适用岗位,必修,截止日期,状态,章节,测验\nfire-2027,防火期安全规程,……,视频课,2,森林防火,护林员,护林,必修,2027-04-30,上架,"[{""chapterId"":""s1"",""title"":""入山管理"",""kind"":""text"",""body"":""……"",""readMinutes"":8}]",';

/** Errors of an upload, one line per bad row, as the server lists them. */
function describeError(error: unknown): string {
  if (error instanceof ApiError && error.details.length > 0) return `${error.message}\n${error.details.map((detail) => detail.message).join('\n')}`;
  return messageOf(error);
}

/** Admins: the whole catalogue with publish/archive, and CSV import. */
export default function CourseAdminPage() {
  const member = useRequiredMember();
  const list = useAsync(() => call(coursesApi.listCourses, { query: { status: 'all', limit: 200 } }), member !== null);
  const [csv, setCsv] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;

  const run = (work: () => Promise<string>) => {
    setError(null);
    setMessage(null);
    work().then(
      (text) => {
        setMessage(text);
        list.reload();
      },
      (reason: unknown) => setError(describeError(reason)),
    );
  };
  const toggle = (course: Course) =>
    run(async () => {
      const { courseId, publishedAt: _p, updatedAt: _u, ...input } = course;
      const status = course.status === 'published' ? 'archived' : 'published';
      await call(coursesApi.updateCourse, { params: { courseId }, body: { ...input, status } });
      return `《${course.title}》已${status === 'published' ? '上架' : '下架'}`;
    });
  const upload = () =>
    run(async () => {
      const result = await call(coursesApi.importCourses, { body: csv });
      return `已导入 ${result.imported} 门课程（新增 ${result.created}，更新 ${result.updated}）`;
    });

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        课程管理
      </Text>
      {message ? <Text className='hint' {...aria('status')}>{message}</Text> : null}
      <ErrorBanner message={error} />
      <Text className='section-title'>导入课程（CSV）</Text>
      <Text className='muted'>第一行为表头，可用中文列名；同一课程编号再次导入会更新原课程。「章节」「测验」两栏为 JSON，留空则保留原有内容。</Text>
      <Textarea className='course-csv' value={csv} aria-label='课程 CSV 内容' placeholder={CSV_EXAMPLE} maxlength={-1} onInput={(event) => setCsv(event.detail.value)} />
      <ActionButton label='导入课程' disabled={csv.trim() === ''} onTap={upload} />
      <Text className='section-title'>{`全部课程${list.data ? `（${list.data.total}）` : ''}`}</Text>
      {list.loading && !list.data ? <LoadingText /> : null}
      <ErrorBanner message={list.error} onRetry={list.reload} />
      {list.data?.items.map(({ course }) => (
        <View key={course.courseId} className='card'>
          <Text className='card-title'>{course.title}</Text>
          <Text className='card-summary'>{`${course.courseId} · ${courseMeta(course)} · ${COURSE_STATUS_LABELS[course.status]}`}</Text>
          <ActionButton label={`${course.status === 'published' ? '下架' : '上架'}《${course.title}》`} variant='secondary' onTap={() => toggle(course)}>
            {course.status === 'published' ? '下架' : '重新上架'}
          </ActionButton>
          <ActionButton label={`编辑《${course.title}》的内容`} variant='secondary' onTap={() => setEditing(editing === course.courseId ? null : course.courseId)}>
            {`编辑内容（${course.chapters.length} 节${course.quiz ? `，测验 ${course.quiz.length} 题` : ''}）`}
          </ActionButton>
          {editing === course.courseId ? (
            <ContentEditor
              course={course}
              onSaved={(text) => {
                setEditing(null);
                setError(null);
                setMessage(text);
                list.reload();
              }}
              onError={(reason) => setError(describeError(reason))}
            />
          ) : null}
        </View>
      ))}
    </PageRoot>
  );
}
