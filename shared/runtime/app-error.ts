import { ERROR_MESSAGES, type ErrorCode, type ErrorDetail } from '../api/errors';

/** An expected failure that the error handler turns into the error contract. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (details: ErrorDetail[], message?: string) =>
  new AppError(400, 'VALIDATION_FAILED', message, details);
export const forbidden = (message?: string) => new AppError(403, 'FORBIDDEN', message);
export const notFound = (message?: string) => new AppError(404, 'NOT_FOUND', message);
export const conflict = (message?: string) => new AppError(409, 'CONFLICT', message);
