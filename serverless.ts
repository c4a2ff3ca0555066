import type { AWS } from '@serverless/typescript';
import type { FunctionName } from './shared/api/contract';
import { duesApi } from './shared/api/dues';
import { ALL_ENDPOINTS } from './shared/api/registry';
import type { FunctionDeployment } from './shared/runtime/deployment';
import { COMMON_SECRETS, HELD_SECRETS_VARIABLE, REQUIRED_SETTINGS_VARIABLE, STAGE_SETTINGS, secretParameterName, type SecretName } from './shared/runtime/secrets';
import { TTL_ATTRIBUTE, cloudFormationTableShape } from './shared/runtime/table';
import { FAILURE_QUEUE_LOGICAL_ID, TABLE_LOGICAL_ID, functionRole } from './scripts/deploy/iam';
import { operationsResources, pascal } from './scripts/deploy/operations';
import { localQueueUrl } from './scripts/local/api/sqs-api';
import { JOB_MAX_EVENT_AGE_SECONDS, JOB_RETRY_ATTEMPTS, operationsSettings } from './scripts/deploy/settings';
import { deployment as assistant } from './functions/assistant/deployment';
import { deployment as assessment } from './functions/assessment/deployment';
import { deployment as coursePush } from './functions/course-push/deployment';
import { deployment as dues } from './functions/dues/deployment';
import { deployment as feedback } from './functions/feedback/deployment';
import { deployment as identity } from './functions/identity/deployment';
import { deployment as orgLife } from './functions/org-life/deployment';
import { deployment as membership } from './functions/membership/deployment';
import { deployment as signup } from './functions/signup/deployment';
import { deployment as suggestionBox } from './functions/suggestion-box/deployment';

const stageFlag = process.argv.indexOf('--stage');
const stage = process.env.SLS_STAGE ?? (stageFlag > 0 ? process.argv[stageFlag + 1] : undefined) ?? 'dev';
const isLocal = stage === 'local';

/** What each function declares beside its code: table access (least privilege) and schedules. */
const DEPLOYMENTS: Record<FunctionName, FunctionDeployment> = { identity, suggestionBox, dues, signup, feedback, coursePush, assistant, orgLife, assessment, membership };

const FOLDERS: Record<FunctionName, string> = {
  identity: 'identity',
  suggestionBox: 'suggestion-box',
  dues: 'dues',
  signup: 'signup',
  feedback: 'feedback',
  coursePush: 'course-push',
  assistant: 'assistant',
  orgLife: 'org-life',
  assessment: 'assessment',
  membership: 'membership',
};

function httpEvents(fn: FunctionName) {
  const own = ALL_ENDPOINTS.filter((e) => e.fn === fn);
  const routes = own.filter((e) => isLocal || !e.localOnly).map((e) => ({ method: e.method, path: e.path }));
  const http = routes.map((r) => ({ httpApi: { method: r.method, path: r.path } }));
  const schedules = (DEPLOYMENTS[fn].schedules ?? []).map((s) => ({
    schedule: { rate: [s.cron], input: { job: s.job }, description: s.description, enabled: !isLocal },
  }));
  const queue = DEPLOYMENTS[fn].workQueue;
  // The function consumes its own work queue (fanned-out jobs); locally the same queue is the local runtime's.
  const units = queue
    ? [{ sqs: { arn: isLocal ? localQueueArn(fn) : { 'Fn::GetAtt': [workQueueId(fn), 'Arn'] }, batchSize: queue.batchSize, maximumConcurrency: queue.maximumConcurrency, functionResponseType: 'ReportBatchItemFailures' as const } }]
    : [];
  return [...http, ...schedules, ...units];
}

const workQueueId = (fn: FunctionName) => `${pascal(fn)}WorkQueue`;
const workDeadLetterId = (fn: FunctionName) => `${pascal(fn)}WorkDeadLetterQueue`;
const workQueueName = (fn: FunctionName) => `forest-party-platform-${stage}-${fn}-work`;
const localLambdaPort = Number(process.env.LAMBDA_PORT ?? Number(process.env.API_PORT ?? 3000) + 2);
const localQueueArn = (fn: FunctionName) => `arn:aws:sqs:cn-north-1:000000000000:${workQueueName(fn)}`;

/** Where a function sends its units: its queue's URL (the local runtime's queue on the local stage). */
function workQueueEnvironment(fn: FunctionName): Record<string, string> {
  const queue = DEPLOYMENTS[fn].workQueue;
  if (!queue) return {};
  const url = isLocal ? localQueueUrl(localLambdaPort, workQueueName(fn)) : ({ Ref: workQueueId(fn) } as unknown as string);
  return { WORK_QUEUE_URL: url, WORK_QUEUE_MAX_RECEIVES: String(queue.maxReceives) };
}

/**
 * A function's work queue and its dead-letter queue. The visibility timeout is six times the function's timeout
 * (AWS's advice for an event source mapping), so a unit still running is never delivered to a second copy.
 */
function workQueueResources(fn: FunctionName): Record<string, unknown> {
  const queue = DEPLOYMENTS[fn].workQueue;
  if (!queue) return {};
  const timeout = DEPLOYMENTS[fn].timeout ?? 10;
  return {
    [workDeadLetterId(fn)]: { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 14 * 86_400, SqsManagedSseEnabled: true } },
    [workQueueId(fn)]: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        VisibilityTimeout: 6 * timeout,
        MessageRetentionPeriod: 4 * 86_400,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [workDeadLetterId(fn), 'Arn'] }, maxReceiveCount: queue.maxReceives },
      },
    },
  };
}

/** Sending units to its own queue and consuming it: nothing else of SQS. */
function workQueueStatements(fn: FunctionName): Record<string, unknown>[] {
  if (!DEPLOYMENTS[fn].workQueue) return [];
  return [{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'], Resource: { 'Fn::GetAtt': [workQueueId(fn), 'Arn'] } }];
}

const roleName = (fn: FunctionName) => `${fn[0]!.toUpperCase()}${fn.slice(1)}Role`;

/** The secrets a function holds: SSM SecureString parameters read at run time, named (never valued) in the template. */
const heldSecrets = (fn: FunctionName): SecretName[] => [...new Set([...COMMON_SECRETS, ...(DEPLOYMENTS[fn].secrets ?? [])])];

/**
 * Envelope encryption (deployment.kmsDataKeys): data keys from the stage's KMS key, whose ARN the deploying machine
 * gives as MEMBERSHIP_KMS_KEY_ID, usable only with the function's purpose in the encryption context.
 */
function dataKeyStatements(fn: FunctionName): Record<string, unknown>[] {
  const kms = DEPLOYMENTS[fn].kmsDataKeys;
  if (!kms) return [];
  return [
    {
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' },
      Condition: { StringEquals: { 'kms:EncryptionContext:purpose': kms.purpose } },
    },
  ];
}

/** Read access to exactly the function's own parameters, and decryption by SSM's KMS key through SSM only. */
function secretStatements(fn: FunctionName): Record<string, unknown>[] {
  return [
    ...dataKeyStatements(fn),
    {
      Effect: 'Allow',
      Action: ['ssm:GetParameters', 'ssm:GetParameter'],
      Resource: heldSecrets(fn).map((name) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${secretParameterName(stage, name)}` })),
    },
    {
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' },
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.${AWS::URLSuffix}' } } },
    },
  ];
}

/**
 * A deployed function's settings: the names of the secrets it holds, and each non-secret setting it needs from
 * the deploying machine's environment (empty when unset: the function then refuses to start, naming it).
 */
function deployedEnvironment(fn: FunctionName): Record<string, string> {
  const required = [...STAGE_SETTINGS, ...(DEPLOYMENTS[fn].requiredSettings ?? [])];
  return {
    ...Object.fromEntries(required.map((name) => [name, `\${env:${name}, ""}`])),
    ...DEPLOYMENTS[fn].environment,
    [HELD_SECRETS_VARIABLE]: heldSecrets(fn).join(','),
    [REQUIRED_SETTINGS_VARIABLE]: (DEPLOYMENTS[fn].requiredSettings ?? []).join(','),
  };
}

const functionNames = Object.keys(FOLDERS) as FunctionName[];

/** Native modules cannot be bundled: they stay external and their code (and platform binaries) go into the zip. */
const NATIVE_MODULES = [...new Set(functionNames.flatMap((fn) => DEPLOYMENTS[fn].nativeModules ?? []))];

/**
 * What goes into a function's zip beside its bundle: its data files (at their source paths, see readDataFile), the
 * code of its native modules without their data (the function ships what it reads as a data file), and no
 * sourcemap (npm run package keeps them beside the zips, in .serverless/sourcemaps).
 */
function functionPackage(fn: FunctionName) {
  const modules = DEPLOYMENTS[fn].nativeModules ?? [];
  const code = (folder: string) => `node_modules/${folder}/**/*.{js,json,node}`;
  return {
    // Native binaries decide the architecture: x86_64, as npm installed them on the packaging machine.
    ...(modules.length > 0 ? { architecture: 'x86_64' as const } : {}),
    package: {
      patterns: ['!**/*.map', ...(DEPLOYMENTS[fn].dataFiles ?? []), ...modules.flatMap((name) => [code(name), code(`${name}-linux-*`)])],
    },
  };
}


/** Local-only settings the start script passes through the environment (DynamoDB Local, fake WeCom). */
const passThrough = ['DYNAMODB_ENDPOINT', 'JWT_SECRET', 'WECOM_BASE_URL', 'WECOM_CORP_ID', 'WECOM_APP_SECRET', 'LOG_LEVEL', 'SUGGESTION_RATE_LIMIT_PER_HOUR', 'LOCAL_PAY_NOTIFY_URL'];
const localApiPort = Number(process.env.API_PORT ?? 3000);
const localEnvironment = {
  // The local pay simulator posts its signed notifications to this API's own notify endpoint (the local API
  // gateway on API_PORT, scripts/local/api), a configured address: never one taken from a request's Host header.
  LOCAL_PAY_NOTIFY_URL: `http://127.0.0.1:${localApiPort}${duesApi.wechatpayNotify.path}`,
  ...Object.fromEntries(passThrough.filter((name) => process.env[name]).map((name) => [name, process.env[name]!])),
};

const operations = operationsSettings();

/**
 * API access log line: what was asked and how it went, nothing about who — no IP, no user agent, no path or
 * query string (member ids and names travel there), only the route template (`GET /api/v1/members/{userId}`).
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

const corsOrigins = (process.env.CORS_ORIGINS ?? `http://localhost:${process.env.WEB_PORT ?? 10086}`).split(',');

const serverlessConfiguration: AWS = {
  service: 'forest-party-platform',
  frameworkVersion: '3',
  // `npm start` runs the handlers locally itself (scripts/local/api), bundled with the `custom.esbuild` settings below.
  plugins: ['serverless-esbuild'],
  provider: {
    name: 'aws',
    // Serverless 3's types predate nodejs22.x; it packages and deploys it all the same.
    runtime: 'nodejs22.x' as 'nodejs20.x',
    architecture: 'arm64',
    stage,
    region: '${opt:region, "cn-north-1"}' as AWS['provider']['region'],
    memorySize: 512,
    timeout: 10,
    logRetentionInDays: 180,
    // X-Ray on every function (API Gateway's HTTP APIs have no X-Ray tracing of their own).
    tracing: { lambda: true },
    logs: { httpApi: { format: ACCESS_LOG_FORMAT } },
    // CORS is the gateway's: it answers preflights without invoking a function and decorates every answer. `Date`
    // is exposed because the H5 app reads the server's clock from it to correct a phone's wrong clock.
    httpApi: { cors: { allowedOrigins: corsOrigins, allowedHeaders: ['authorization', 'content-type', 'if-none-match'], exposedResponseHeaders: ['date'], maxAge: 600 } },
    environment: {
      STAGE: '${sls:stage}',
      // Source-mapped stack traces locally only: deployed zips carry no maps, and the flag costs every cold start.
      ...(isLocal ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      POWERTOOLS_SERVICE_NAME: 'party-platform',
      ...(isLocal
        ? { ...localEnvironment, TABLE_NAME: process.env.TABLE_NAME ?? 'party-platform-local' }
        : { TABLE_NAME: { Ref: 'PartyTable' } as unknown as string }),
    },
  },
  package: { individually: true },
  functions: Object.fromEntries(
    functionNames.map((fn) => [
      fn,
      {
        handler: `functions/${FOLDERS[fn]}/handler.handler`,
        role: roleName(fn),
        environment: { POWERTOOLS_SERVICE_NAME: fn, ...workQueueEnvironment(fn), ...(isLocal ? {} : deployedEnvironment(fn)) },
        ...(DEPLOYMENTS[fn].memorySize ? { memorySize: DEPLOYMENTS[fn].memorySize } : {}),
        ...(DEPLOYMENTS[fn].timeout ? { timeout: DEPLOYMENTS[fn].timeout } : {}),
        ...functionPackage(fn),
        ...(operations.reservedConcurrency[fn] ? { reservedConcurrency: operations.reservedConcurrency[fn] } : {}),
        // Scheduled (asynchronous) invocations: bounded retries, then the failure queue (alarmed on).
        maximumRetryAttempts: JOB_RETRY_ATTEMPTS,
        maximumEventAge: JOB_MAX_EVENT_AGE_SECONDS,
        destinations: { onFailure: { type: 'sqs' as const, arn: { 'Fn::GetAtt': [FAILURE_QUEUE_LOGICAL_ID, 'Arn'] } } },
        events: httpEvents(fn),
      },
    ]),
  ),
  resources: {
    Resources: {
      [TABLE_LOGICAL_ID]: {
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          TableName: '${self:service}-${sls:stage}',
          ...cloudFormationTableShape,
          TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
          // Every deployed stage keeps its data: no deletion by a stack change or a stray click, 35 days of restore.
          DeletionProtectionEnabled: !isLocal,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: !isLocal },
          SSESpecification: { SSEEnabled: true },
        },
      },
      ...Object.fromEntries(functionNames.map((fn) => [roleName(fn), functionRole(fn, DEPLOYMENTS[fn], [...secretStatements(fn), ...workQueueStatements(fn)])])),
      ...Object.assign({}, ...functionNames.map(workQueueResources)),
      ...operationsResources(DEPLOYMENTS, stage, operations),
    },
    // Merged into what Serverless generates: stage-wide throttling of the HTTP API (see scripts/deploy/settings.ts).
    extensions: {
      HttpApiStage: {
        Properties: {
          DefaultRouteSettings: { ThrottlingRateLimit: operations.apiThrottle.rateLimit, ThrottlingBurstLimit: operations.apiThrottle.burstLimit },
        },
      },
    },
  },
  custom: {
    esbuild: {
      bundle: true,
      minify: true,
      // Deployed zips leave their maps out (functionPackage): external maps, copied beside the zips by npm run
      // package (scripts/packaging/package-service.ts) from the kept build folder. Locally they sit beside the bundle.
      sourcemap: isLocal ? 'linked' : 'external',
      keepOutputDirectory: true,
      target: 'node22',
      platform: 'node',
      // The Lambda runtime ships AWS SDK v3: keep it out of every zip.
      exclude: ['@aws-sdk/*', ...NATIVE_MODULES],
      concurrency: 2,
    },
  },
};

module.exports = serverlessConfiguration;
