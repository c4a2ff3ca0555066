import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { CHAPTER_KIND_LABELS, CHAPTER_KINDS, coursesApi, isMediaKind, type Chapter, type ChapterKind, type Course, type QuizQuestion } from '@shared/api';
import { aria } from '../../components/a11y';
import { ActionButton } from '../../components/action-button';
import { call } from '../../services/api';

/** A chapter as edited: numbers as typed, checked by the server on save. */
interface ChapterDraft {
  chapterId: string;
  title: string;
  kind: ChapterKind;
  body: string;
  url: string;
  minutesOrSeconds: string;
}

interface QuestionDraft {
  question: string;
  /** One option per line. */
  options: string;
  answer: number;
}

const toDraft = (chapter: Chapter): ChapterDraft => ({
  chapterId: chapter.chapterId,
  title: chapter.title,
  kind: chapter.kind,
  body: chapter.body ?? '',
  url: chapter.url ?? '',
  minutesOrSeconds: String((isMediaKind(chapter.kind) ? chapter.durationSeconds : chapter.readMinutes) ?? ''),
});

function toChapter(draft: ChapterDraft): Chapter {
  const amount = Number(draft.minutesOrSeconds);
  return {
    chapterId: draft.chapterId,
    title: draft.title,
    kind: draft.kind,
    ...(draft.kind === 'text' ? { body: draft.body } : { url: draft.url }),
    ...(isMediaKind(draft.kind) ? { durationSeconds: amount } : { readMinutes: amount }),
  };
}

const toQuestion = (draft: QuestionDraft): QuizQuestion => ({
  question: draft.question,
  options: draft.options.split('\n').map((option) => option.trim()).filter((option) => option !== ''),
  answer: draft.answer,
});

/** A chapter id not yet used: ids stay once given, since members' progress is kept under them. */
const freshId = (drafts: ChapterDraft[]) => {
  let n = drafts.length + 1;
  while (drafts.some((draft) => draft.chapterId === `s${n}`)) n += 1;
  return `s${n}`;
};

function Field({ label, value, onChange, long = false }: { label: string; value: string; onChange: (value: string) => void; long?: boolean }) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      {long ? (
        <Textarea className='course-csv' value={value} aria-label={label} maxlength={20_000} onInput={(event) => onChange(event.detail.value)} />
      ) : (
        <Input className='field__input' value={value} aria-label={label} onInput={(event) => onChange(event.detail.value)} />
      )}
    </View>
  );
}

/** An admin edits a course's chapters and quiz; the server validates and answers in Chinese. */
export function ContentEditor({ course, onSaved, onError }: { course: Course; onSaved: (message: string) => void; onError: (reason: unknown) => void }) {
  const [chapters, setChapters] = useState<ChapterDraft[]>(() => course.chapters.map(toDraft));
  const [questions, setQuestions] = useState<QuestionDraft[]>(() =>
    (course.quiz ?? []).map((question) => ({ question: question.question, options: question.options.join('\n'), answer: question.answer ?? 0 })),
  );
  const [saving, setSaving] = useState(false);
  const setChapter = (index: number, change: Partial<ChapterDraft>) => setChapters(chapters.map((draft, at) => (at === index ? { ...draft, ...change } : draft)));
  const setQuestion = (index: number, change: Partial<QuestionDraft>) => setQuestions(questions.map((draft, at) => (at === index ? { ...draft, ...change } : draft)));

  const save = () => {
    setSaving(true);
    const { courseId, publishedAt: _p, updatedAt: _u, quiz: _q, ...input } = course;
    const quiz = questions.map(toQuestion);
    call(coursesApi.updateCourse, { params: { courseId }, body: { ...input, chapters: chapters.map(toChapter), ...(quiz.length > 0 ? { quiz } : {}) } })
      .then(() => onSaved(`《${course.title}》的内容已保存`), onError)
      .finally(() => setSaving(false));
  };

  return (
    <View className='card'>
      <Text className='card-title'>{`编辑内容：${course.title}`}</Text>
      {chapters.map((draft, index) => (
        <View key={draft.chapterId} className='chapter-row'>
          <Text className='section-title'>{`第 ${index + 1} 节`}</Text>
          <Field label={`第 ${index + 1} 节标题`} value={draft.title} onChange={(title) => setChapter(index, { title })} />
          <View className='course-chips'>
            {CHAPTER_KINDS.map((kind) => (
              <Text key={kind} className={`course-chip${draft.kind === kind ? ' course-chip--on' : ''}`} {...aria('button', `第 ${index + 1} 节：${CHAPTER_KIND_LABELS[kind]}`)} onClick={() => setChapter(index, { kind })}>
                {CHAPTER_KIND_LABELS[kind]}
              </Text>
            ))}
          </View>
          {draft.kind === 'text' ? (
            <Field label={`第 ${index + 1} 节正文（Markdown）`} value={draft.body} onChange={(body) => setChapter(index, { body })} long />
          ) : (
            <Field label={`第 ${index + 1} 节链接`} value={draft.url} onChange={(url) => setChapter(index, { url })} />
          )}
          <Field
            label={isMediaKind(draft.kind) ? `第 ${index + 1} 节时长（秒）` : `第 ${index + 1} 节阅读时长（分钟）`}
            value={draft.minutesOrSeconds}
            onChange={(minutesOrSeconds) => setChapter(index, { minutesOrSeconds })}
          />
          <ActionButton label={`删除第 ${index + 1} 节`} variant='secondary' onTap={() => setChapters(chapters.filter((_, at) => at !== index))} />
        </View>
      ))}
      <ActionButton
        label='添加一节'
        variant='secondary'
        onTap={() => setChapters([...chapters, { chapterId: freshId(chapters), title: '', kind: 'text', body: '', url: '', minutesOrSeconds: '5' }])}
      />
      <Text className='section-title'>课程测验（可不设）</Text>
      {questions.map((draft, index) => (
        <View key={index} className='chapter-row'>
          <Field label={`第 ${index + 1} 题题目`} value={draft.question} onChange={(question) => setQuestion(index, { question })} />
          <Field label={`第 ${index + 1} 题选项（每行一个）`} value={draft.options} onChange={(options) => setQuestion(index, { options })} long />
          <View className='course-chips'>
            {toQuestion(draft).options.map((option, choice) => (
              <Text key={choice} className={`course-chip${draft.answer === choice ? ' course-chip--on' : ''}`} {...aria('button', `第 ${index + 1} 题正确选项：${option}`)} onClick={() => setQuestion(index, { answer: choice })}>
                {option}
              </Text>
            ))}
          </View>
          <ActionButton label={`删除第 ${index + 1} 题`} variant='secondary' onTap={() => setQuestions(questions.filter((_, at) => at !== index))} />
        </View>
      ))}
      <ActionButton label='添加一题' variant='secondary' onTap={() => setQuestions([...questions, { question: '', options: '', answer: 0 }])} />
      <ActionButton label='保存内容' disabled={saving} onTap={save} />
    </View>
  );
}
