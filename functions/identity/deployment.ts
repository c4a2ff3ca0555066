import type { FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS } from '../../shared/runtime/feedback-signals';
import { IDENTITY_PARTITIONS } from '../../shared/runtime/table';

export const deployment: FunctionDeployment = {
  table: [
    // TransactWriteItems is authorised per contained action (PutItem) by IAM.
    { actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:Query'], ...IDENTITY_PARTITIONS },
    FEATURE_GATE_ACCESS,
    // The HTTP stack counts server-side failures of feature routes into the usage rollups (guardrails).
    FEEDBACK_SIGNAL_ACCESS,
  ],
};
