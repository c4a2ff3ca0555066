import type { FunctionDeployment } from '../../shared/runtime/deployment';

export const deployment: FunctionDeployment = {
  // Not built yet: answers 501 and touches no data.
  tableActions: [],
};
