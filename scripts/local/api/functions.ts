import type { AWS } from '@serverless/typescript';

/** One function of `serverless.ts` as the local runtime runs it. */
export interface LocalFunction {
  key: string;
  /** The deployed name (`<service>-<stage>-<key>`), which the Lambda invoke endpoint answers to. */
  name: string;
  /** `functions/<folder>/handler.ts`, and the export Lambda calls. */
  source: string;
  exportName: string;
  timeoutMs: number;
  memorySize: number;
  environment: Record<string, string>;
  routes: Array<{ method: string; path: string }>;
  /** Its work queue (an `sqs` event in serverless.ts): the queue's name, batch size and maximum concurrency. */
  workQueue?: { name: string; batchSize: number; maximumConcurrency: number; maxReceives: number };
  /** Its scheduled jobs (`schedule` events): the EventBridge expression and the job each delivers. */
  schedules: Array<{ expression: string; job: string }>;
}

export interface HttpApiCors {
  allowedOrigins: string[];
  allowedHeaders: string[];
  exposedResponseHeaders: string[];
  maxAge?: number;
}

/** What serverless-esbuild is told in `custom.esbuild`: the local runtime bundles each handler the same way. */
export interface BundleSettings {
  minify: boolean;
  sourcemap: boolean | 'linked' | 'inline' | 'external' | 'both';
  target: string;
  /** Packages left out of the bundle (the runtime's AWS SDK, native modules). */
  exclude: string[];
}

export interface LocalService {
  functions: LocalFunction[];
  cors: HttpApiCors | null;
  region: string;
  bundle: BundleSettings;
}

/**
 * Resolves the few Serverless variables the local stage's settings use (`${sls:stage}`, `${self:service}`,
 * `${opt:x, "default"}`, `${env:X, "default"}`); the local runtime reads the same description the deploy uses.
 */
export function resolveVariables(value: string, context: { stage: string; service: string; env: NodeJS.ProcessEnv }): string {
  return value.replace(/\$\{([^}]+)\}/g, (_whole, expression: string) => {
    const [reference = '', fallback] = expression.split(/,(.*)/s).map((part) => part.trim());
    const defaultValue = fallback?.replace(/^["']|["']$/g, '') ?? '';
    if (reference === 'sls:stage' || reference === 'opt:stage') return context.stage;
    if (reference === 'self:service') return context.service;
    if (reference.startsWith('env:')) return context.env[reference.slice(4)] ?? defaultValue;
    return defaultValue;
  });
}

function stringEnvironment(environment: unknown, resolve: (value: string) => string): Record<string, string> {
  if (environment === null || typeof environment !== 'object') return {};
  return Object.fromEntries(
    Object.entries(environment as Record<string, unknown>).flatMap(([name, value]) =>
      typeof value === 'string' || typeof value === 'number' ? [[name, resolve(String(value))]] : [],
    ),
  );
}

/** Reads `serverless.ts` for the local stage: each function's handler, routes, timeout and environment, and the gateway's CORS. */
export function localService(env: NodeJS.ProcessEnv = process.env): LocalService {
  const stage = 'local';
  const previousStage = env.SLS_STAGE;
  process.env.SLS_STAGE = stage;
  // serverless.ts is CommonJS (module.exports) and reads the stage when it is loaded.
  const config = require('../../../serverless') as AWS;
  if (previousStage === undefined) delete process.env.SLS_STAGE;
  else process.env.SLS_STAGE = previousStage;

  const context = { stage, service: String(config.service), env };
  const resolve = (value: string) => resolveVariables(value, context);
  const provider = config.provider;
  const region = resolve(String(provider.region ?? 'cn-north-1'));
  const providerEnvironment = stringEnvironment(provider.environment, resolve);

  const functions = Object.entries(config.functions ?? {}).map(([key, definition]): LocalFunction => {
    const handler = String((definition as { handler: string }).handler);
    const dot = handler.lastIndexOf('.');
    const routes = (definition.events ?? []).flatMap((event) => {
      const httpApi = (event as { httpApi?: { method: string; path: string } }).httpApi;
      return httpApi ? [{ method: httpApi.method.toUpperCase(), path: httpApi.path }] : [];
    });
    const sqs = (definition.events ?? []).map((event) => (event as { sqs?: { arn: unknown; batchSize?: number; maximumConcurrency?: number } }).sqs).find(Boolean);
    const schedules = (definition.events ?? []).flatMap((event) => {
      const schedule = (event as { schedule?: { rate: string[]; input?: { job?: string } } }).schedule;
      return schedule?.input?.job ? schedule.rate.map((expression) => ({ expression, job: schedule.input!.job! })) : [];
    });
    const environment = { ...providerEnvironment, ...stringEnvironment(definition.environment, resolve) };
    const workQueue = sqs && typeof sqs.arn === 'string'
      ? { name: sqs.arn.split(':').pop()!, batchSize: sqs.batchSize ?? 10, maximumConcurrency: sqs.maximumConcurrency ?? 2, maxReceives: Number(environment.WORK_QUEUE_MAX_RECEIVES ?? 3) }
      : undefined;
    return {
      key,
      name: `${context.service}-${stage}-${key}`,
      source: `${handler.slice(0, dot)}.ts`,
      exportName: handler.slice(dot + 1),
      timeoutMs: (definition.timeout ?? provider.timeout ?? 6) * 1000,
      memorySize: definition.memorySize ?? provider.memorySize ?? 1024,
      environment,
      routes,
      schedules,
      ...(workQueue ? { workQueue } : {}),
    };
  });

  const httpApi = provider.httpApi as { cors?: Partial<HttpApiCors> } | undefined;
  const cors = httpApi?.cors
    ? {
        allowedOrigins: httpApi.cors.allowedOrigins ?? ['*'],
        allowedHeaders: httpApi.cors.allowedHeaders ?? [],
        exposedResponseHeaders: httpApi.cors.exposedResponseHeaders ?? [],
        maxAge: httpApi.cors.maxAge,
      }
    : null;
  const esbuild = (config.custom?.esbuild ?? {}) as Partial<BundleSettings>;
  const bundle: BundleSettings = {
    minify: esbuild.minify ?? false,
    sourcemap: esbuild.sourcemap ?? 'linked',
    target: esbuild.target ?? 'node22',
    exclude: esbuild.exclude ?? ['@aws-sdk/*'],
  };
  return { functions, cors, region, bundle };
}
