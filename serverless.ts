import type { AWS } from '@serverless/typescript';
import type { FunctionName } from './shared/api/contract';
import { ALL_ENDPOINTS } from './shared/api/registry';
import type { FunctionDeployment } from './shared/runtime/deployment';
import { TTL_ATTRIBUTE, tableShape } from './shared/runtime/table';
import { deployment as coursePush } from './functions/course-push/deployment';
import { deployment as dues } from './functions/dues/deployment';
import { deployment as feedback } from './functions/feedback/deployment';
import { deployment as identity } from './functions/identity/deployment';
import { deployment as signup } from './functions/signup/deployment';
import { deployment as suggestionBox } from './functions/suggestion-box/deployment';

const stageFlag = process.argv.indexOf('--stage');
const stage = process.env.SLS_STAGE ?? (stageFlag > 0 ? process.argv[stageFlag + 1] : undefined) ?? 'dev';
const isLocal = stage === 'local';

/** What each function declares beside its code: table actions (least privilege) and schedules. */
const DEPLOYMENTS: Record<FunctionName, FunctionDeployment> = { identity, suggestionBox, dues, signup, feedback, coursePush };

const FOLDERS: Record<FunctionName, string> = {
  identity: 'identity',
  suggestionBox: 'suggestion-box',
  dues: 'dues',
  signup: 'signup',
  feedback: 'feedback',
  coursePush: 'course-push',
};

function httpEvents(fn: FunctionName) {
  const own = ALL_ENDPOINTS.filter((e) => e.fn === fn);
  const routes = own.filter((e) => isLocal || !e.localOnly).map((e) => ({ method: e.method, path: e.path }));
  const http = routes.map((r) => ({ httpApi: { method: r.method, path: r.path } }));
  const schedules = (DEPLOYMENTS[fn].schedules ?? []).map((s) => ({
    schedule: { rate: [s.cron], input: { job: s.job }, description: s.description, enabled: !isLocal },
  }));
  return [...http, ...schedules];
}

const roleName = (fn: FunctionName) => `${fn[0]!.toUpperCase()}${fn.slice(1)}Role`;

function functionRole(fn: FunctionName) {
  const statements: Record<string, unknown>[] = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/\${AWS::StackName}-${fn}:*` },
    },
  ];
  const tableActions = [...new Set(DEPLOYMENTS[fn].tableActions)];
  if (tableActions.length > 0) {
    statements.push({
      Effect: 'Allow',
      Action: tableActions,
      Resource: [{ 'Fn::GetAtt': ['PartyTable', 'Arn'] }, { 'Fn::Sub': '${PartyTable.Arn}/index/*' }],
    });
  }
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [{ PolicyName: `${fn}-least-privilege`, PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    },
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
const passThrough = ['DYNAMODB_ENDPOINT', 'JWT_SECRET', 'WECOM_BASE_URL', 'WECOM_CORP_ID', 'WECOM_APP_SECRET', 'LOG_LEVEL', 'SUGGESTION_RATE_LIMIT_PER_HOUR'];
const localEnvironment = Object.fromEntries(passThrough.filter((name) => process.env[name]).map((name) => [name, process.env[name]!]));

const corsOrigins = (process.env.CORS_ORIGINS ?? `http://localhost:${process.env.WEB_PORT ?? 10086}`).split(',');

const serverlessConfiguration: AWS = {
  service: 'forest-party-platform',
  frameworkVersion: '3',
  plugins: ['serverless-esbuild', 'serverless-offline'],
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
        : { TABLE_NAME: { Ref: 'PartyTable' } as unknown as string, JWT_SECRET: '${env:JWT_SECRET, ""}' }),
    },
  },
  package: { individually: true },
  functions: Object.fromEntries(
    functionNames.map((fn) => [
      fn,
      {
        handler: `functions/${FOLDERS[fn]}/handler.handler`,
        role: roleName(fn),
        environment: { POWERTOOLS_SERVICE_NAME: fn, ...(isLocal ? {} : DEPLOYMENTS[fn].environment) },
        ...(DEPLOYMENTS[fn].memorySize ? { memorySize: DEPLOYMENTS[fn].memorySize } : {}),
        ...(DEPLOYMENTS[fn].timeout ? { timeout: DEPLOYMENTS[fn].timeout } : {}),
        ...functionPackage(fn),
        events: httpEvents(fn),
      },
    ]),
  ),
  resources: {
    Resources: {
      PartyTable: {
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          TableName: '${self:service}-${sls:stage}',
          ...tableShape,
          TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
        },
      },
      ...Object.fromEntries(functionNames.map((fn) => [roleName(fn), functionRole(fn)])),
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
    'serverless-offline': {
      httpPort: Number(process.env.API_PORT ?? 3000),
      lambdaPort: Number(process.env.LAMBDA_PORT ?? 3002),
      noPrependStageInUrl: true,
      noAuth: true,
    },
  },
};

module.exports = serverlessConfiguration;
