import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ERROR_MESSAGES, type ErrorBody } from '../../api/errors';
import { AppError } from '../app-error';
import { logger } from '../logger';

function errorResponse(status: number, body: ErrorBody): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/** Turns every failure into the error contract: expected ones with their code, anything else a logged 500. */
export function errorResponder(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const { error } = request;
      if (error instanceof AppError) {
        if (error.status >= 500) logger.error('request failed', { code: error.code });
        else logger.info('request refused', { code: error.code, status: error.status });
        request.response = errorResponse(error.status, {
          error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
        });
        return;
      }
      logger.error('unexpected failure', error instanceof Error ? error : String(error));
      request.response = errorResponse(500, { error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
    },
  };
}
