import { PDF_DATA_FILES } from '../../shared/documents/pdf';
import { JOB_RUN_ACCESS, type FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS } from '../../shared/runtime/feedback-signals';
import { DIRECTORY_READ_ACCESS } from '../../shared/runtime/member-directory';
import { ASSESSMENT_PARTITIONS } from './keys';

export const deployment: FunctionDeployment = {
  table: [
    // Schemes, results, evaluations and audit entries are written in transactions of Puts (and the survey's Updates).
    // Snapshots (snapshot-store.ts) are Puts and Updates under conditions; survey tallies of a batch are one BatchGet.
    { actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], ...ASSESSMENT_PARTITIONS },
    // Units to assess and branches' members (the study requirement's denominator), read-only.
    DIRECTORY_READ_ACCESS,
    // The platform-computed indicators: each capability's exported read (functions/<capability>/assessment-reads.ts),
    // read-only and limited to the partitions those reads query.
    { actions: ['dynamodb:Query'], table: [], indexes: { gsi1: ['DUES#BILLS#*'] } },
    { actions: ['dynamodb:GetItem', 'dynamodb:Query'], table: ['COURSECONFIG', 'LEARN#*'] },
    { actions: ['dynamodb:Query'], table: [], indexes: { gsi1: ['SUGG-BRANCH#*'] } },
    { actions: ['dynamodb:Query', 'dynamodb:BatchGetItem'], table: ['ACTIVITY#*'], indexes: { gsi1: ['ACTIVITIES#FOR#*'] } },
    // Organisation life: a branch's rhythm (its settings item) and its meetings index.
    { actions: ['dynamodb:GetItem', 'dynamodb:Query'], table: ['ORGLIFE#BRANCH#*'], indexes: { gsi1: ['ORGLIFE-MEETINGS#*'] } },
    // The snapshot jobs' runs (shared/runtime/fanout).
    JOB_RUN_ACCESS,
    FEATURE_GATE_ACCESS,
    // The HTTP stack counts server-side failures of feature routes into the usage rollups (guardrails).
    FEEDBACK_SIGNAL_ACCESS,
  ],
  schedules: [
    // After dues' nightly report (02:30): every unit's snapshot of the year, for the committee's view.
    { job: 'refreshSnapshots', cron: 'cron(0 19 * * ? *)', description: 'Count every bureau\'s and branch\'s assessment snapshot of the year (03:00 Asia/Shanghai)' },
  ],
  // Each unit is a batch of one bureau's branches (or a batch of units to re-score): 5 consumers at most at once,
  // half the function's reserved 10, so the committee's requests keep copies; three deliveries, then
  // the dead-letter queue (alarmed).
  workQueue: { batchSize: 1, maximumConcurrency: 5, maxReceives: 3 },
  // The printable report embeds the Chinese font (shared/documents/pdf.ts).
  dataFiles: PDF_DATA_FILES,
  // The exports read every branch's figures of four quarters; the PDF renders on top of that.
  memorySize: 1024,
  timeout: 29,
  environment: {
    SURVEY_MIN_RESPONSES: '${env:SURVEY_MIN_RESPONSES, "5"}',
    SUGGESTION_REPLY_DAYS: '${env:SUGGESTION_REPLY_DAYS, "15"}',
  },
};
