import type { FunctionDeployment } from '../../shared/runtime/deployment';

export const deployment: FunctionDeployment = {
  // TransactWriteItems is authorised per contained action (PutItem) by IAM.
  tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
};
