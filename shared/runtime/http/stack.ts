import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { configReady } from '../config';
import { logger } from '../logger';
import { errorResponder } from './error-responder';
import { jsonText } from './json-text';
import { matchRoute, type Route } from './router';
import { flushServerErrors, isServerFailure, noteServerError, serverErrorsDue } from './server-errors';

/**
 * The response headers that protect a JSON API (OWASP REST Security): no sniffing, no framing, no referrer,
 * HTTPS only, nothing loadable. The document-only headers of the defaults (permissions policy, cross-origin
 * isolation, …) would add 1.5 KB to every answer for a member on a weak signal and protect nothing here.
 */
const API_SECURITY_HEADERS = {
  contentSecurityPolicy: { 'default-src': "'none'", 'frame-ancestors': "'none'", 'report-to': '' },
  contentTypeOptions: { action: 'nosniff' },
  frameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 180 * 24 * 60 * 60, includeSubDomains: true, preload: false },
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  dnsPrefetchControl: false,
  downloadOptions: false,
  originAgentCluster: false,
  permissionsPolicy: false,
  permittedCrossDomainPolicies: false,
  reportingEndpoints: false,
  reportTo: false,
  xssProtection: false,
} as const;

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The middy stack every capability's HTTP handler runs in. Order of the onion (before → handler → after,
 * onError in reverse): logging context, header normalisation, security headers, and the error responder
 * registered last so its onError runs first and the security headers still decorate the error response.
 * The logging context is only the Lambda's request id: nothing appends keys per request (an anonymous
 * suggestion must never leave its author in a log line), so there is nothing to reset between requests.
 * CORS is not here: the API gateway handles it (serverless.ts), and locally the web server serves the app
 * and the API from one origin.
 */
export function httpApi(routes: Route[]): middy.MiddyfiedHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context> {
  const core: HttpHandler = async (event) => {
    const started = Date.now();
    // Secrets come from SSM on a deployed stage: the first request of a copy waits for them, later ones do not.
    await configReady();
    const { route, params } = matchRoute(routes, event);
    const reply = await route.run(event, params).catch(async (error: unknown) => {
      // The feature's guardrail weighs the server's own failures (see server-errors.ts).
      if (route.feature && isServerFailure(error)) {
        noteServerError(route.feature);
        await flushServerErrors();
      }
      throw error;
    });
    if (serverErrorsDue()) await flushServerErrors();
    // Only the route, never the caller: anonymous features depend on access logs not naming members.
    logger.info('request', { route: route.key, status: reply.status, ms: Date.now() - started });
    return {
      statusCode: reply.status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...reply.headers },
      body: jsonText(reply.body),
    };
  };
  // No early-timeout response: a function that runs out of time is answered 503/504 by the gateway, which the app
  // treats as a network failure and re-sends idempotent writes (an early 500 would not be retried); it also
  // spares every request a timer and an AbortController.
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>(core, { timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(httpSecurityHeaders(API_SECURITY_HEADERS))
    .use(errorResponder());
}
