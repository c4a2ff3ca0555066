import Taro from '@tarojs/taro';
import {
  ERROR_MESSAGES,
  errorBodySchema,
  pathFor,
  type BodyOf,
  type Endpoint,
  type QueryOf,
  type ResponseOf,
} from '@shared/api';
import { ApiError, CLIENT_ERROR_MESSAGES, networkError } from './api-error';
import { noteServerDate } from './clock';

const REQUEST_TIMEOUT_MS = 15_000;

export interface CallOptions<E extends Endpoint> {
  body?: BodyOf<E>;
  query?: QueryOf<E>;
  params?: Record<string, string>;
  /**
   * The answer the device already holds and its validator: the server answers 304 without a body when it
   * is still current (a member on a weak signal downloads nothing), and that copy is what the call returns.
   */
  revalidate?: { etag: string; copy: ResponseOf<E> };
}

type QueryValue = string | number | boolean | null | undefined;

function queryString(query: unknown): string {
  if (query === null || typeof query !== 'object') return '';
  const entries = Object.entries(query as Record<string, QueryValue>).filter(
    (entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null,
  );
  if (entries.length === 0) return '';
  return `?${entries.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join('&')}`;
}

export function urlFor<E extends Endpoint>(endpoint: E, options: CallOptions<E>): string {
  return `${API_BASE_URL}${pathFor(endpoint.path, options.params)}${queryString(options.query)}`;
}

/** weapp hands back a string when the body is not JSON; H5 hands back null. */
function asJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** Header names arrive in any case (weapp keeps the server's, H5 lower-cases them). */
function headerValue(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const entry = Object.entries(headers as Record<string, unknown>).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

function errorFrom(status: number, data: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(data);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, message, status, details ?? []);
  }
  // A proxy or gateway answered without the contract's error body.
  if (status === 401) return new ApiError('UNAUTHENTICATED', ERROR_MESSAGES.UNAUTHENTICATED, status);
  if (status === 404) return new ApiError('ROUTE_NOT_FOUND', ERROR_MESSAGES.ROUTE_NOT_FOUND, status);
  if (status === 502 || status === 503 || status === 504) return new ApiError('NETWORK', CLIENT_ERROR_MESSAGES.NETWORK, status);
  return new ApiError('INTERNAL', ERROR_MESSAGES.INTERNAL, status);
}

/**
 * One HTTP exchange for an endpoint: no session handling here (see api.ts).
 * Resolves with the response validated by the endpoint's schema; rejects with ApiError.
 */
export async function send<E extends Endpoint>(
  endpoint: E,
  options: CallOptions<E>,
  token: string | null,
): Promise<ResponseOf<E>> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  const hasBody = options.body !== undefined;
  // Raw-body endpoints (CSV uploads) send their text as it is, under their own media type.
  if (hasBody) header['Content-Type'] = endpoint.rawBody ?? 'application/json';
  if (options.revalidate) header['If-None-Match'] = options.revalidate.etag;

  let statusCode: number;
  let data: unknown;
  const sentAt = Date.now();
  try {
    const response = await Taro.request({
      url: urlFor(endpoint, options),
      method: endpoint.method,
      header,
      data: hasBody ? options.body : undefined,
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    });
    statusCode = response.statusCode;
    data = asJson(response.data as unknown);
    noteServerDate(headerValue(response.header as unknown, 'date'), sentAt, Date.now());
  } catch {
    throw networkError();
  }
  if (statusCode === 304 && options.revalidate) return options.revalidate.copy;
  if (statusCode < 200 || statusCode >= 300) throw errorFrom(statusCode, data);

  const parsed = endpoint.response.safeParse(data);
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', CLIENT_ERROR_MESSAGES.BAD_RESPONSE, statusCode);
  return parsed.data as ResponseOf<E>;
}
