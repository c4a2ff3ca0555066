import type { Survey, SurveyResult } from '../../shared/api/assessment';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { config } from '../../shared/runtime/config';
import { organisationUnits } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { auditOf } from './audit';
import { currentPeriod } from './periods';
import { branchSurveyResult } from './survey-results';
import { hasResponded, putSurvey, recordResponse, surveyOf, surveyTallies, type StoredSurvey } from './store';

/**
 * Members' satisfaction (党员满意度): a short anonymous survey per period, one response per member; the results
 * are sums per branch, shown from SURVEY_MIN_RESPONSES responses upward (survey-results.ts).
 */

const isOpen = (survey: StoredSurvey, now: Date) => now.getTime() >= Date.parse(survey.opensAt) && now.getTime() < Date.parse(survey.closesAt);

const view = async (survey: StoredSurvey, caller: Caller, now: Date): Promise<Survey> => ({
  period: survey.period,
  questions: survey.questions,
  opensAt: survey.opensAt,
  closesAt: survey.closesAt,
  open: isOpen(survey, now),
  answered: await hasResponded(survey.period, caller.userId),
});

export async function setSurvey(caller: Caller, input: { period: string; questions: Array<{ id: string; text: string }>; opensAt: string; closesAt: string }, now = new Date()): Promise<Survey> {
  const { period } = input;
  const problems = [];
  if (Date.parse(input.closesAt) <= Date.parse(input.opensAt)) problems.push({ path: 'body.closesAt', message: '结束时间应晚于开始时间' });
  const ids = input.questions.map((question) => question.id);
  if (new Set(ids).size !== ids.length) problems.push({ path: 'body.questions', message: '题目编号不能重复' });
  if (problems.length > 0) throw badRequest(problems);
  const before = await surveyOf(period);
  const survey = { period, questions: input.questions, opensAt: new Date(input.opensAt).toISOString(), closesAt: new Date(input.closesAt).toISOString() };
  const audit = auditOf(caller, 'survey-set', `${period} 满意度调查`, before && { questions: before.questions, opensAt: before.opensAt, closesAt: before.closesAt }, survey, now);
  if (!(await putSurvey(survey, audit))) throw new AppError(409, 'SURVEY_STARTED');
  return view({ ...survey, started: false }, caller, now);
}

/** The survey a member can answer now: this period's, or the last period's while it is still open. */
export async function currentSurvey(caller: Caller, now = new Date()): Promise<{ survey?: Survey }> {
  const period = currentPeriod(now);
  const quarter = Number(period.slice(6));
  const previous = quarter === 1 ? `${Number(period.slice(0, 4)) - 1}-Q4` : `${period.slice(0, 4)}-Q${quarter - 1}`;
  for (const candidate of [period, previous]) {
    const survey = await surveyOf(candidate);
    if (survey && isOpen(survey, now)) return { survey: await view(survey, caller, now) };
  }
  return {};
}

export async function answerSurvey(caller: Caller, period: string, answers: Record<string, number>, now = new Date()): Promise<{ recorded: boolean }> {
  const survey = await surveyOf(period);
  if (!survey) throw new AppError(404, 'SURVEY_NOT_FOUND');
  if (!isOpen(survey, now)) throw new AppError(409, 'SURVEY_CLOSED');
  const expected = survey.questions.map((question) => question.id);
  const missing = expected.filter((id) => answers[id] === undefined);
  const unknown = Object.keys(answers).filter((id) => !expected.includes(id));
  if (missing.length > 0 || unknown.length > 0) {
    throw badRequest([
      ...missing.map((id) => ({ path: `body.answers.${id}`, message: `请回答第 ${id.slice(1)} 题` })),
      ...unknown.map((id) => ({ path: `body.answers.${id}`, message: `本期调查没有第 ${id.slice(1)} 题` })),
    ]);
  }
  if (!(await recordResponse(period, caller.userId, caller.branchId, answers))) throw new AppError(409, 'SURVEY_ALREADY_ANSWERED');
  return { recorded: true };
}

export async function surveyResults(period: string): Promise<SurveyResult> {
  const survey = await surveyOf(period);
  if (!survey) throw new AppError(404, 'SURVEY_NOT_FOUND');
  const threshold = config().SURVEY_MIN_RESPONSES;
  const tallies = new Map((await surveyTallies(period)).map((tally) => [tally.branchId, tally]));
  const branches = (await organisationUnits()).filter((unit) => unit.kind === 'branch').sort((a, b) => a.id.localeCompare(b.id));
  const ids = survey.questions.map((question) => question.id);
  return { period, threshold, branches: branches.map((branch) => branchSurveyResult(branch, tallies.get(branch.id), ids, threshold)) };
}
