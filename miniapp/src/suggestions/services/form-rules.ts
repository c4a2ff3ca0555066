// A relative import (not @shared) so the root test run, which has no mini-program aliases, can load this pure module.
import { CONTENT_MAX, CONTENT_MIN, TITLE_MAX, cleanText, type SuggestionCategory } from '../../../../shared/api/suggestions';

export interface SubmitForm {
  title: string;
  content: string;
  category: SuggestionCategory | null;
  anonymous: boolean;
}

/** Problems the member can fix before sending, in the words the server would use. */
export function formProblems(form: SubmitForm): string[] {
  const problems: string[] = [];
  const title = cleanText(form.title);
  const content = cleanText(form.content);
  if (!title) problems.push('请填写标题');
  if (title.length > TITLE_MAX) problems.push(`标题过长，最多 ${TITLE_MAX} 字`);
  if (content.length < CONTENT_MIN) problems.push(`内容至少 ${CONTENT_MIN} 个字`);
  if (content.length > CONTENT_MAX) problems.push(`内容过长，最多 ${CONTENT_MAX} 字`);
  if (!form.category) problems.push('请选择意见类别');
  return problems;
}
