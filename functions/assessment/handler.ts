import { assessmentApi as api } from '../../shared/api/assessment';
import { httpApi, route } from '../../shared/runtime/http';
import { committeeView, unitDetail } from './assessment-view';
import { scoreIndicator } from './evaluation';
import { exportCsv } from './exports';
import { importCsv, importJson } from './results-import';
import { saveScheme, schemeOfYear, schemeVersions } from './scheme';
import { auditTrail } from './store';
import { answerSurvey, currentSurvey, setSurvey, surveyResults } from './survey';

export const handler = httpApi([
  route(api.getScheme, async ({ params }) => schemeOfYear(params.year!)),
  route(api.saveScheme, async ({ caller, params, body }) => saveScheme(caller, params.year!, body)),
  route(api.schemeVersions, async ({ params }) => schemeVersions(params.year!)),
  route(api.importResultsCsv, async ({ caller, body }) => importCsv(caller, body)),
  route(api.importResultsJson, async ({ caller, body }) => importJson(caller, body.rows)),
  route(api.setSurvey, async ({ caller, params, body }) => setSurvey(caller, params.period!, body)),
  route(api.currentSurvey, async ({ caller }) => currentSurvey(caller)),
  route(api.answerSurvey, async ({ caller, params, body }) => answerSurvey(caller, params.period!, body.answers)),
  route(api.surveyResults, async ({ params }) => surveyResults(params.period!)),
  route(api.scoreIndicator, async ({ caller, body }) => scoreIndicator(caller, body)),
  route(api.auditTrail, async ({ query }) => ({ items: await auditTrail(query.year) })),
  route(api.committeeView, async ({ query }) => committeeView(query.year)),
  route(api.unitDetail, async ({ query }) => unitDetail(query.unitCode, query.period)),
  route(api.exportCsv, async ({ query }) => exportCsv(query.year)),
]);
