import { httpApi, pendingRoutes } from '../../shared/runtime/http';

// Deployed so the API surface and IAM are in place; answers 501 until its capability issue lands.
export const handler = httpApi(pendingRoutes('coursePush'));
