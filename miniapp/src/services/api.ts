import type { Endpoint, ResponseOf } from '@shared/api';
import { ApiError } from './api-error';
import { relogin } from './auth';
import { send, type CallOptions } from './http';
import { currentToken } from './session';
import { isWecom } from './wecom';

export { ApiError, messageOf } from './api-error';
export type { CallOptions } from './http';

/**
 * Calls an endpoint of the contract with the member's session.
 * On 401 the session is renewed once (silently inside WeCom) and the request retried;
 * outside WeCom the member is sent to the login page and the 401 is rethrown.
 */
export async function call<E extends Endpoint>(endpoint: E, options: CallOptions<E> = {}): Promise<ResponseOf<E>> {
  try {
    return await send(endpoint, options, currentToken());
  } catch (error) {
    if (!isUnauthorized(error) || endpoint.access === 'public') throw error;
    const session = await relogin();
    if (!session) throw error;
    return send(endpoint, options, session.token);
  }
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * For sends the member did not just ask for (the offline queue, usage events): inside WeCom an expired
 * session is renewed silently; elsewhere the 401 is handed back instead of taking the member to the login page
 * in the middle of whatever they are doing — the queue waits for the next sign-in.
 */
export async function callQuietly<E extends Endpoint>(endpoint: E, options: CallOptions<E> = {}): Promise<ResponseOf<E>> {
  if (isWecom()) return call(endpoint, options);
  return send(endpoint, options, currentToken());
}
