import { ERROR_MESSAGES, type ErrorDetail } from '@shared/api';

/** Codes the client produces itself, next to the server's stable codes. */
export const CLIENT_ERROR_MESSAGES = {
  NETWORK: '网络不给力，请检查网络后重试',
  BAD_RESPONSE: '服务器返回的数据有误，请稍后重试',
} as const;

/** An API failure, carrying the server's stable code and its Chinese message for the member. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: readonly ErrorDetail[];

  constructor(code: string, message: string, status: number, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
    // Keeps `instanceof` working once Babel compiles the class to ES5.
    Object.setPrototypeOf(this, ApiError.prototype);
  }
}

export function networkError(): ApiError {
  return new ApiError('NETWORK', CLIENT_ERROR_MESSAGES.NETWORK, 0);
}

/** The Chinese sentence to show for any thrown value; a refused form also says what to fix (the first few). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const fixes = [...new Set(error.details.map((detail) => detail.message))].slice(0, 3);
    return fixes.length > 0 ? `${error.message}：${fixes.join('；')}` : error.message;
  }
  if (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message)) return error.message;
  return ERROR_MESSAGES.INTERNAL;
}

/**
 * The request may not have reached the server, or its answer was lost: a dead zone, a timeout, a gateway giving
 * up — or an answer without the contract's shape (something on the way answered in the function's place, e.g. a
 * local runtime's `200 {"errorType":"LambdaTimeoutError"}`), which says nothing about whether the write happened.
 * Sending the same request again (same clientRequestId) is safe and is what settles it.
 */
export function isNetworkFailure(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'NETWORK' || error.code === 'BAD_RESPONSE' || error.status === 502 || error.status === 503 || error.status === 504)
  );
}
