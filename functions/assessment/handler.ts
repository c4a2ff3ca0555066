import { assessmentApi as api } from '../../shared/api/assessment';
import { runView, unitConsumer } from '../../shared/runtime/fanout';
import { httpApi, route } from '../../shared/runtime/http';
import { withJobs } from '../../shared/runtime/jobs';
import { committeeView, unitDetail } from './assessment-view';
import { scoreIndicator } from './evaluation';
import { exportCsv } from './exports';
import { exportPdf } from './report-pdf';
import { importCsv, importJson } from './results-import';
import { saveScheme, schemeOfYear, schemeVersions } from './scheme';
import { nightlySnapshotRuns, refreshSnapshotUnit, rescoreSnapshotUnit, startSnapshotRun } from './snapshot-run';
import { auditTrail } from './store';
import { answerSurvey, currentSurvey, setSurvey, surveyResults } from './survey';

const httpHandler = httpApi([
  route(api.getScheme, async ({ query }) => schemeOfYear(query.year)),
  route(api.saveScheme, async ({ caller, body }) => saveScheme(caller, body)),
  route(api.schemeVersions, async ({ query }) => schemeVersions(query.year)),
  route(api.importResultsCsv, async ({ caller, body }) => importCsv(caller, body)),
  route(api.importResultsJson, async ({ caller, body }) => importJson(caller, body.rows)),
  route(api.setSurvey, async ({ caller, body }) => setSurvey(caller, body)),
  route(api.currentSurvey, async ({ caller }) => currentSurvey(caller)),
  route(api.answerSurvey, async ({ caller, body }) => answerSurvey(caller, body.period, body.answers)),
  route(api.surveyResults, async ({ query }) => surveyResults(query.period)),
  route(api.scoreIndicator, async ({ caller, body }) => scoreIndicator(caller, body)),
  route(api.auditTrail, async ({ query }) => ({ items: await auditTrail(query.year) })),
  route(api.committeeView, async ({ query }) => committeeView(query.year)),
  route(api.recountSnapshots, async ({ body }) => runView(await startSnapshotRun(body.year))),
  route(api.unitDetail, async ({ query }) => unitDetail(query.unitCode, query.period)),
  route(api.exportCsv, async ({ query }) => exportCsv(query.year, query.unitCode)),
  route(api.exportPdf, async ({ query }) => exportPdf(query.year, query.unitCode)),
]);

/** The snapshot jobs (deployment.ts): each plans its units and hands them to the work queue, units idempotent. */
export const handler = withJobs(
  httpHandler,
  { refreshSnapshots: async () => (await nightlySnapshotRuns()).map((run) => runView(run)) },
  unitConsumer({ refreshSnapshots: refreshSnapshotUnit, rescoreSnapshots: rescoreSnapshotUnit }),
);
