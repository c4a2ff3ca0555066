import { PENDING_CAPABILITIES } from '../../api/pending';
import type { FunctionName } from '../../api/contract';
import { AppError } from '../app-error';
import type { Route } from './router';

/** Routes that answer every request under a not-yet-built capability's prefixes with 501 and the error contract. */
export function pendingRoutes(fn: FunctionName): Route[] {
  const capability = PENDING_CAPABILITIES.find((candidate) => candidate.fn === fn);
  if (!capability) throw new Error(`${fn} is not a pending capability`);
  return capability.prefixes.map((prefix) => ({
    method: 'ANY',
    key: `ANY ${prefix}`,
    localOnly: false,
    matcher: new RegExp(`^${prefix}(/.*)?$`),
    paramNames: [],
    run: async () => {
      throw new AppError(501, 'NOT_AVAILABLE_YET', `「${capability.label}」功能正在建设中，敬请期待`);
    },
  }));
}
