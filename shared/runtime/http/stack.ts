import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { config } from '../config';
import { logger } from '../logger';
import { errorResponder } from './error-responder';
import { matchRoute, type Route } from './router';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The middy stack every capability's HTTP handler runs in. Order of the onion (before → handler → after,
 * onError in reverse): logging context, header normalisation, security headers, CORS, and the error
 * responder registered last so its onError runs first and the CORS/security middlewares still decorate
 * the error response.
 */
export function httpApi(routes: Route[]): middy.MiddyfiedHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context> {
  const core: HttpHandler = async (event) => {
    const started = Date.now();
    const { route, params } = matchRoute(routes, event);
    const reply = await route.run(event, params);
    // Only the route, never the caller: anonymous features depend on access logs not naming members.
    logger.info('request', { route: route.key, status: reply.status, ms: Date.now() - started });
    return {
      statusCode: reply.status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...reply.headers },
      body: JSON.stringify(reply.body),
    };
  };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>(core)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpSecurityHeaders())
    .use(httpCors({ origins: config().CORS_ORIGINS, headers: 'authorization,content-type', methods: 'GET,POST,PUT,PATCH,DELETE,OPTIONS', maxAge: 600 }))
    .use(errorResponder());
}
