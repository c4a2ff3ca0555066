import type { Scheme, SchemeInput } from '../../shared/api/assessment';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { auditOf } from './audit';
import { schemeFrozen } from './periods';
import { processIndicatorProblems, schemeProblems } from './scheme-rules';
import { saveScheme as storeScheme, schemeHead, schemeHistory, type StoredScheme } from './store';

const view = (stored: StoredScheme, now: Date): Scheme => ({ ...stored, frozen: schemeFrozen(stored.year, now) });

/** The scheme in force for a year (its newest version). */
export async function requireScheme(year: string): Promise<StoredScheme> {
  const head = await schemeHead(year);
  if (!head) throw new AppError(404, 'ASSESSMENT_SCHEME_NOT_FOUND', `${year} 年度还没有考核指标方案`);
  return head;
}

export async function schemeOfYear(year: string, now = new Date()): Promise<Scheme> {
  return view(await requireScheme(year), now);
}

export async function schemeVersions(year: string) {
  const history = await schemeHistory(year);
  return {
    year,
    versions: history.map(({ version, savedBy, savedAt, indicators, note }) => ({ version, savedBy, savedAt, indicatorCount: indicators.length, ...(note ? { note } : {}) })),
  };
}

/**
 * Saves a new version of a year's scheme: refused once the year's first period has started (units are being
 * assessed by it), when an indicator measures a process trace rather than a result, when the tree is not sound,
 * or when someone saved another version since the editor loaded it.
 */
export async function saveScheme(caller: Caller, input: SchemeInput, now = new Date()): Promise<Scheme> {
  const { year } = input;
  if (schemeFrozen(year, now)) throw new AppError(409, 'ASSESSMENT_SCHEME_FROZEN', `${year} 年度考核期已经开始，指标方案已冻结，不能再修改`);
  const traces = processIndicatorProblems(input.indicators);
  if (traces.length > 0) throw new AppError(422, 'ASSESSMENT_PROCESS_INDICATOR', traces[0]!.message, traces);
  const problems = schemeProblems(input.indicators);
  if (problems.length > 0) throw new AppError(400, 'ASSESSMENT_SCHEME_INVALID', problems[0]!.message, problems);

  const previous = await schemeHead(year);
  if ((previous?.version ?? 0) !== input.expectedVersion) throw new AppError(409, 'ASSESSMENT_SCHEME_VERSION_CONFLICT');
  const scheme: StoredScheme = {
    year,
    version: input.expectedVersion + 1,
    indicators: input.indicators,
    savedBy: caller.name,
    savedAt: now.toISOString(),
    ...(input.note ? { note: input.note } : {}),
  };
  const audit = auditOf(caller, 'scheme-saved', `${year} 年度指标方案 第 ${scheme.version} 版`, previous?.indicators, scheme.indicators, now);
  if (!(await storeScheme(scheme, input.expectedVersion, audit))) throw new AppError(409, 'ASSESSMENT_SCHEME_VERSION_CONFLICT');
  return view(scheme, now);
}
