/**
 * The CloudFormation template `sls package` generates for a deployed stage, read as AWS would get it:
 * least privilege (leading keys, an append-only ledger), operations (alarms, failure destinations, throttling,
 * access logs, tracing), a table that cannot be lost, and ARNs that name no partition (aws-cn and aws).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOB_FAILED_MESSAGE, NOTICE_DELIVERY_FAILED_MESSAGE } from '../../shared/runtime/log-messages';
import { serverless } from '../../scripts/local/serverless-cli';
import { isAllowed, roleStatements, tableAllowStatements, type PolicyStatement } from '../support/iam-policy';

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
type Resources = Record<string, Resource>;

const ALARM_EMAIL = 'ops@dangjian.example.cn';
let templateText = '';
let resources: Resources = {};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'template-'));
  try {
    const cli = serverless(['package', '--stage', 'prod', '--package', dir], { ALARM_EMAIL });
    let output = '';
    cli.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    cli.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
    if (code !== 0) throw new Error(`sls package failed (${code}):\n${output}`);
    templateText = readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8');
    resources = (JSON.parse(templateText) as { Resources: Resources }).Resources;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const functionIds = () => ofType('AWS::Lambda::Function').map(([id]) => id);
const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const dimensionsOf = (alarm: Record<string, unknown>) => (alarm.Dimensions ?? []) as Array<{ Name: string; Value: unknown }>;
const roleIdOf = (functionId: string) => (resources[functionId]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

describe('fanned-out jobs', () => {
  it('give a function its own work queue, with a dead-letter queue after three deliveries, consumed with partial batch responses', () => {
    const queue = resources.DuesWorkQueue!;
    expect(queue.Type).toBe('AWS::SQS::Queue');
    const timeout = resources.DuesLambdaFunction!.Properties.Timeout as number;
    expect(queue.Properties.VisibilityTimeout).toBe(6 * timeout);
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': ['DuesWorkDeadLetterQueue', 'Arn'] }, maxReceiveCount: 3 });
    const [mapping] = ofType('AWS::Lambda::EventSourceMapping').filter(([, resource]) => JSON.stringify(resource.Properties.EventSourceArn) === JSON.stringify({ 'Fn::GetAtt': ['DuesWorkQueue', 'Arn'] }));
    expect(mapping![1].Properties).toMatchObject({ BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 20 } });
    const environment = (resources.DuesLambdaFunction!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(environment.WORK_QUEUE_URL).toEqual({ Ref: 'DuesWorkQueue' });
    const sqsStatements = roleStatements(resources, 'DuesRole').filter((statement) => JSON.stringify(statement.Action).includes('sqs:ReceiveMessage'));
    expect(sqsStatements.map((statement) => statement.Resource)).toEqual([{ 'Fn::GetAtt': ['DuesWorkQueue', 'Arn'] }]);
    // A function without fanned-out jobs has no queue and may not use one.
    expect(resources.IdentityWorkQueue).toBeUndefined();
  });
});

describe('the packaged template', () => {
  it('names no partition in any ARN, so the stack deploys to aws-cn (cn-north-1) and aws alike', () => {
    expect(Object.keys(resources).length).toBeGreaterThan(100);
    expect(templateText).not.toMatch(/arn:aws(-cn|-us-gov)?:/);
    // Every ARN the template builds takes its partition from the stack: `arn:${AWS::Partition}:…` in a Fn::Sub,
    // or "arn:" joined with { Ref: AWS::Partition }.
    const compact = JSON.stringify(JSON.parse(templateText));
    expect((compact.match(/arn:/g) ?? []).length).toBeGreaterThan(10);
    expect(compact.match(/arn:(?!\$\{AWS::Partition\}:|",\{"Ref":"AWS::Partition"\})[^"]{0,40}/g) ?? []).toEqual([]);
  });

  it('deploys the assistant offline: its model off and no model named unless the deploying shell sets them', () => {
    const environment = (resources.AssistantLambdaFunction!.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(environment).toMatchObject({ ASSISTANT_MODEL: 'off', ASSISTANT_BEDROCK_MODEL_ID: '', ASSISTANT_WHERE_TO_ASK: '请向所在党支部书记咨询，或联系上级党委组织部门。' });
  });

  it('keeps the table on every deployed stage: deletion protection, point-in-time recovery, a stream CloudFormation accepts', () => {
    const table = resources.PartyTable!;
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect((table as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
  });

  it('gives every DynamoDB permission of every role a leading-keys condition, and never Scan', () => {
    expect(functionIds()).toHaveLength(10);
    for (const functionId of functionIds()) {
      const statements = roleStatements(resources, roleIdOf(functionId));
      const dynamo = statements.filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));
      const allows = tableAllowStatements(statements);
      expect(allows.length).toBeGreaterThan(0);
      // No DynamoDB permission outside the table statements, and each of those is confined by leading keys.
      expect(dynamo.filter((statement) => statement.Effect === 'Allow')).toEqual(allows);
      for (const statement of allows) {
        const patterns = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? [];
        expect(patterns.length).toBeGreaterThan(0);
        expect(patterns.every((pattern) => /^[A-Z][A-Z0-9#-]*\*?$/.test(pattern))).toBe(true);
        expect(statement.Action).not.toContain('dynamodb:Scan');
        expect(statement.Action).not.toContain('dynamodb:*');
      }
    }
  });

  it('lets no role update or delete a ledger entry, and only the dues function append one', () => {
    const ledger = ['DUES#LEDGER'];
    for (const functionId of functionIds()) {
      const statements = roleStatements(resources, roleIdOf(functionId));
      for (const partition of [ledger, ['DUES#CHAIN#songling-fire']]) {
        for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
          expect([functionId, action, isAllowed(statements, action, 'table', partition)]).toEqual([functionId, action, false]);
        }
        expect([functionId, isAllowed(statements, 'dynamodb:PutItem', 'table', partition)]).toEqual([functionId, functionId === 'DuesLambdaFunction']);
      }
    }
    const dues = roleStatements(resources, 'DuesRole');
    // The dues function still changes its other items (bills, orders) and reads its ledger.
    expect(isAllowed(dues, 'dynamodb:UpdateItem', 'table', ['DUES#MEMBER#u1'])).toBe(true);
    expect(isAllowed(dues, 'dynamodb:Query', 'table', ledger)).toBe(true);
    expect(isAllowed(dues, 'dynamodb:Query', 'gsi1', ['DUES#LEDGER#u1'])).toBe(true);
    // A transaction mixing a ledger update with an allowed write is refused as a whole.
    expect(isAllowed(dues, 'dynamodb:UpdateItem', 'table', ['DUES#MEMBER#u1', 'DUES#LEDGER'])).toBe(false);
  });

  it('lets no role update or delete a membership record chain entry, and only the membership function append one', () => {
    const chain = ['MEMBERSHIP#CHAIN#demo-ranger'];
    for (const functionId of functionIds()) {
      const statements = roleStatements(resources, roleIdOf(functionId));
      for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
        expect([functionId, action, isAllowed(statements, action, 'table', chain)]).toEqual([functionId, action, false]);
      }
      expect([functionId, isAllowed(statements, 'dynamodb:PutItem', 'table', chain)]).toEqual([functionId, functionId === 'MembershipLambdaFunction']);
    }
    const membership = roleStatements(resources, 'MembershipRole');
    // The membership function still rewrites records and transfers, and reads the chains and their registry.
    expect(isAllowed(membership, 'dynamodb:UpdateItem', 'table', ['MEMBERSHIP#demo-ranger'])).toBe(true);
    expect(isAllowed(membership, 'dynamodb:Query', 'table', chain)).toBe(true);
    expect(isAllowed(membership, 'dynamodb:PutItem', 'table', ['MEMBERSHIP#CHAINS#3'])).toBe(true);
  });

  it('confines each role to its own items: sign-up and feedback cannot delete what is not theirs', () => {
    const signup = roleStatements(resources, 'SignupRole');
    const feedback = roleStatements(resources, 'FeedbackRole');
    expect(isAllowed(signup, 'dynamodb:DeleteItem', 'table', ['ACTIVITY#a1'])).toBe(true);
    expect(isAllowed(feedback, 'dynamodb:DeleteItem', 'table', ['RULE#r1'])).toBe(true);
    for (const key of ['MEMBER#u1', 'SUGG#s1', 'DUES#MEMBER#u1', 'OUTBOX#k', 'FEATURECONFIG']) {
      expect([key, isAllowed(signup, 'dynamodb:DeleteItem', 'table', [key])]).toEqual([key, false]);
      expect([key, isAllowed(feedback, 'dynamodb:DeleteItem', 'table', [key])]).toEqual([key, false]);
    }
    // Reading members is allowed to those that need it, writing them only to identity.
    expect(isAllowed(roleStatements(resources, 'DuesRole'), 'dynamodb:GetItem', 'table', ['MEMBER#u1'])).toBe(true);
    expect(isAllowed(roleStatements(resources, 'DuesRole'), 'dynamodb:PutItem', 'table', ['MEMBER#u1'])).toBe(false);
    expect(isAllowed(roleStatements(resources, 'IdentityRole'), 'dynamodb:PutItem', 'table', ['MEMBER#u1'])).toBe(true);
    expect(isAllowed(roleStatements(resources, 'IdentityRole'), 'dynamodb:GetItem', 'table', ['SUGG#s1'])).toBe(false);
    // Index queries are confined by the index's partition key.
    expect(isAllowed(roleStatements(resources, 'IdentityRole'), 'dynamodb:Query', 'gsi2', ['MEMBERS'])).toBe(true);
    expect(isAllowed(roleStatements(resources, 'IdentityRole'), 'dynamodb:Query', 'gsi2', ['SUGG-STATUS#pending_review'])).toBe(false);
  });

  it('sends every asynchronous (scheduled) invocation that keeps failing to the failure queue after bounded retries', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig').map(([, config]) => config.Properties);
    expect(configs.map((config) => (config.FunctionName as { Ref: string }).Ref).sort()).toEqual(functionIds().sort());
    for (const config of configs) {
      expect(config.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': ['JobFailureQueue', 'Arn'] } } });
      expect(config.MaximumRetryAttempts).toBeLessThanOrEqual(2);
      expect(config.MaximumEventAgeInSeconds).toBeLessThanOrEqual(6 * 3600);
    }
    expect(resources.JobFailureQueue!.Type).toBe('AWS::SQS::Queue');
    for (const functionId of functionIds()) {
      const sendsToQueue = roleStatements(resources, roleIdOf(functionId)).some(
        (statement: PolicyStatement) => statement.Effect === 'Allow' && JSON.stringify(statement.Action).includes('sqs:SendMessage') && JSON.stringify(statement.Resource).includes('JobFailureQueue'),
      );
      expect([functionId, sendsToQueue]).toEqual([functionId, true]);
    }
  });

  it('alarms to the SNS topic on function errors and throttles, each job, the failure queue, failed notices, API 5xx and table throttling', () => {
    const topic = resources.AlarmTopic!;
    expect(topic.Type).toBe('AWS::SNS::Topic');
    expect(topic.Properties.Subscription).toEqual([{ Protocol: 'email', Endpoint: ALARM_EMAIL }]);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: 'AlarmTopic' }]);

    const alarmed = (namespace: string, metric: string) => alarms().filter((alarm) => alarm.Namespace === namespace && alarm.MetricName === metric);
    for (const functionId of functionIds()) {
      for (const metric of ['Errors', 'Throttles']) {
        const on = alarmed('AWS/Lambda', metric).filter((alarm) => JSON.stringify(dimensionsOf(alarm)) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: functionId } }]));
        expect([functionId, metric, on.length]).toEqual([functionId, metric, 1]);
      }
    }

    // Each scheduled job: its rule's input names the job; a metric filter on its function's log group counts the
    // `job failed` lines by function and job, and an alarm watches that job.
    const rules = ofType('AWS::Events::Rule');
    expect(rules).toHaveLength(18);
    for (const [, rule] of rules) {
      const target = (rule.Properties.Targets as Array<{ Input: string; Arn: { 'Fn::GetAtt': [string, string] } }>)[0]!;
      const job = (JSON.parse(target.Input) as { job: string }).job;
      const functionId = target.Arn['Fn::GetAtt'][0];
      const fn = resources[functionId]!.Properties.FunctionName as string;
      const jobAlarms = alarms().filter(
        (alarm) => alarm.MetricName === 'JobFailures' && JSON.stringify(dimensionsOf(alarm)) === JSON.stringify([{ Name: 'Function', Value: fn.replace(/^.*-prod-/, '') }, { Name: 'Job', Value: job }]),
      );
      expect([job, jobAlarms.length]).toEqual([job, 1]);
      const logGroup = functionId.replace(/LambdaFunction$/, 'LogGroup');
      const filters = ofType('AWS::Logs::MetricFilter').filter(([, filter]) => (filter.Properties.LogGroupName as { Ref: string }).Ref === logGroup && String(filter.Properties.FilterPattern).includes(`"${JOB_FAILED_MESSAGE}"`));
      expect([job, filters.length]).toEqual([job, 1]);
      expect(JSON.stringify(filters[0]![1].Properties.MetricTransformations)).toContain(jobAlarms[0]!.Namespace as string);
    }

    // The failure queue of scheduled invocations, and each work queue's dead letters.
    const deadLetterQueues = ofType('AWS::SQS::Queue').filter(([id]) => id.endsWith('WorkDeadLetterQueue'));
    expect(deadLetterQueues.length).toBeGreaterThanOrEqual(1);
    expect(alarmed('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toHaveLength(1 + deadLetterQueues.length);
    expect(alarmed('AWS/DynamoDB', 'ReadThrottleEvents')).toHaveLength(1);
    expect(alarmed('AWS/DynamoDB', 'WriteThrottleEvents')).toHaveLength(1);
    const noticeFilters = ofType('AWS::Logs::MetricFilter').filter(([, filter]) => String(filter.Properties.FilterPattern).includes(`"${NOTICE_DELIVERY_FAILED_MESSAGE}"`));
    // Every function that sends notices (all but identity and the assistant) feeds the failed-notice metric.
    expect(noticeFilters).toHaveLength(7);
    expect(alarms().filter((alarm) => alarm.MetricName === 'NoticesFailed')).toHaveLength(1);
    const api = alarms().filter((alarm) => JSON.stringify(alarm.Metrics ?? []).includes('"5xx"'));
    expect(api).toHaveLength(1);
    expect(JSON.stringify(api[0]!.Metrics)).toContain('errors / requests');
  });

  it('throttles the API stage, logs its requests without personal data, reserves concurrency and traces every function', () => {
    const stage = resources.HttpApiStage!.Properties;
    const routes = stage.DefaultRouteSettings as { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    expect(routes.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(routes.ThrottlingBurstLimit).toBeGreaterThanOrEqual(routes.ThrottlingRateLimit);
    const format = JSON.parse((stage.AccessLogSettings as { Format: string }).Format) as Record<string, string>;
    expect(Object.values(format)).toEqual(expect.arrayContaining(['$context.requestId', '$context.routeKey', '$context.status']));
    // No caller address, agent, path or query string (member ids and names travel in them), no identity.
    expect(Object.values(format).join(' ')).not.toMatch(/sourceIp|userAgent|\.path|rawPath|querystring|identity|authorizer|user/i);
    for (const functionId of functionIds()) {
      const properties = resources[functionId]!.Properties;
      expect([functionId, properties.TracingConfig]).toEqual([functionId, { Mode: 'Active' }]);
      expect(properties.ReservedConcurrentExecutions).toEqual(expect.any(Number));
      const xray = roleStatements(resources, roleIdOf(functionId)).some((statement) => JSON.stringify(statement.Action).includes('xray:PutTraceSegments'));
      expect([functionId, xray]).toEqual([functionId, true]);
    }
  });
});
