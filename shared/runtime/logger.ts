import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per Lambda copy; the middy stack adds the request id to every line. */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'party-platform',
  logLevel: (process.env.LOG_LEVEL as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | undefined) ?? 'INFO',
});
