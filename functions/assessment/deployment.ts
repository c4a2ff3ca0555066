import { PDF_DATA_FILES } from '../../shared/documents/pdf';
import type { FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS } from '../../shared/runtime/feedback-signals';
import { DIRECTORY_READ_ACCESS } from '../../shared/runtime/member-directory';
import { ASSESSMENT_PARTITIONS } from './keys';

export const deployment: FunctionDeployment = {
  table: [
    // Schemes, results, evaluations and audit entries are written in transactions of Puts (and the survey's Updates).
    { actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], ...ASSESSMENT_PARTITIONS },
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
    FEATURE_GATE_ACCESS,
    // The HTTP stack counts server-side failures of feature routes into the usage rollups (guardrails).
    FEEDBACK_SIGNAL_ACCESS,
  ],
  // The printable report embeds the Chinese font (shared/documents/pdf.ts).
  dataFiles: PDF_DATA_FILES,
  // A year's view reads every branch's figures of four quarters; the PDF renders on top of that.
  memorySize: 1024,
  timeout: 29,
  environment: {
    SURVEY_MIN_RESPONSES: '${env:SURVEY_MIN_RESPONSES, "5"}',
    SUGGESTION_REPLY_DAYS: '${env:SUGGESTION_REPLY_DAYS, "15"}',
  },
};
