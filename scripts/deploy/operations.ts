/**
 * What operating the stack takes beyond its functions: an SNS topic every alarm goes to, the failure queue of
 * scheduled jobs, CloudWatch alarms (function errors and throttles, API 5xx rate, each job's failures, the
 * failure queue's depth, notices the outbox gave up on, DynamoDB throttling) and the metric filters that turn
 * the functions' structured log lines into metrics.
 */
import type { FunctionName } from '../../shared/api/contract';
import type { FunctionDeployment } from '../../shared/runtime/deployment';
import { OUTBOX_ACCESS } from '../../shared/runtime/deployment';
import { JOB_FAILED_MESSAGE, NOTICE_DELIVERY_FAILED_MESSAGE } from '../../shared/runtime/log-messages';
import { FAILURE_QUEUE_LOGICAL_ID, TABLE_LOGICAL_ID } from './iam';
import type { OperationsSettings } from './settings';

export const ALARM_TOPIC_LOGICAL_ID = 'AlarmTopic';
const FIVE_MINUTES = 300;

type Resource = Record<string, unknown>;

/** Serverless's logical ids: `identity` → `IdentityLambdaFunction`, `IdentityLogGroup`. */
export const pascal = (name: string) => name.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const lambdaId = (fn: FunctionName) => `${pascal(fn)}LambdaFunction`;
const logGroupId = (fn: FunctionName) => `${pascal(fn)}LogGroup`;

/** Namespace of the metrics the log filters produce, one per stage so stages never mix. */
export const metricNamespace = (stage: string) => `ForestPartyPlatform/${stage}`;

const alarmActions = { AlarmActions: [{ Ref: ALARM_TOPIC_LOGICAL_ID }], OKActions: [{ Ref: ALARM_TOPIC_LOGICAL_ID }] };

/** Any occurrence within five minutes raises the alarm; no data (nothing happened) is fine. */
function countAlarm(description: string, metric: { Namespace: string; MetricName: string; Dimensions?: unknown[] }, statistic = 'Sum'): Resource {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      ...metric,
      Statistic: statistic,
      Period: FIVE_MINUTES,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ...alarmActions,
    },
  };
}

function functionAlarms(fn: FunctionName): Record<string, Resource> {
  const dimensions = [{ Name: 'FunctionName', Value: { Ref: lambdaId(fn) } }];
  return {
    [`${pascal(fn)}ErrorsAlarm`]: countAlarm(`${fn}: invocations failed (unhandled errors, timeouts, crashes)`, { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: dimensions }),
    [`${pascal(fn)}ThrottlesAlarm`]: countAlarm(`${fn}: invocations throttled (reserved concurrency reached)`, { Namespace: 'AWS/Lambda', MetricName: 'Throttles', Dimensions: dimensions }),
  };
}

/** Each job's failures, counted from the `job failed` line withJobs logs (shared/runtime/jobs.ts), one alarm per job. */
function jobResources(fn: FunctionName, deployment: FunctionDeployment, stage: string): Record<string, Resource> {
  const jobs = deployment.schedules ?? [];
  if (jobs.length === 0) return {};
  const resources: Record<string, Resource> = {
    [`${pascal(fn)}JobFailureFilter`]: {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: { Ref: logGroupId(fn) },
        FilterPattern: `{ $.message = "${JOB_FAILED_MESSAGE}" }`,
        // Two functions may name a job alike (deliver-notices): the function (the logger's `service`) tells them apart.
        MetricTransformations: [
          {
            MetricNamespace: metricNamespace(stage),
            MetricName: 'JobFailures',
            MetricValue: '1',
            Unit: 'Count',
            Dimensions: [
              { Key: 'Function', Value: '$.service' },
              { Key: 'Job', Value: '$.job' },
            ],
          },
        ],
      },
    },
  };
  for (const { job } of jobs) {
    resources[`${pascal(fn)}Job${pascal(job)}FailedAlarm`] = countAlarm(`${fn}: scheduled job ${job} failed`, {
      Namespace: metricNamespace(stage),
      MetricName: 'JobFailures',
      Dimensions: [
        { Name: 'Function', Value: fn },
        { Name: 'Job', Value: job },
      ],
    });
  }
  return resources;
}

/** Notices the outbox kept as `failed` after its last attempt (shared/runtime/outbound/outbox.ts logs them). */
function noticeFailureFilter(fn: FunctionName, stage: string): Record<string, Resource> {
  return {
    [`${pascal(fn)}NoticeFailureFilter`]: {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: { Ref: logGroupId(fn) },
        FilterPattern: `{ ($.message = "${NOTICE_DELIVERY_FAILED_MESSAGE}") && ($.failed IS TRUE) }`,
        MetricTransformations: [{ MetricNamespace: metricNamespace(stage), MetricName: 'NoticesFailed', MetricValue: '1', Unit: 'Count', DefaultValue: 0 }],
      },
    },
  };
}

/** A unit of a fanned-out job failed its last delivery: its message waits in the dead-letter queue to be re-driven. */
function workDeadLetterAlarm(fn: FunctionName): Record<string, Resource> {
  return {
    [`${pascal(fn)}WorkDeadLettersAlarm`]: countAlarm(
      `${fn}: a job unit failed after its retries (see its work dead-letter queue; re-drive it from the SQS console once fixed)`,
      { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [`${pascal(fn)}WorkDeadLetterQueue`, 'QueueName'] } }] },
      'Maximum',
    ),
  };
}

/** Share of API answers that were 5xx over five minutes, once there is traffic enough for a rate to mean something. */
function api5xxRateAlarm(): Resource {
  const metric = (id: string, name: string) => ({
    Id: id,
    ReturnData: false,
    MetricStat: {
      Metric: { Namespace: 'AWS/ApiGateway', MetricName: name, Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }, { Name: 'Stage', Value: '$default' }] },
      Period: FIVE_MINUTES,
      Stat: 'Sum',
    },
  });
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: 'API: more than 1% of answers were 5xx over five minutes (at least 50 requests)',
      Metrics: [metric('errors', '5xx'), metric('requests', 'Count'), { Id: 'rate', Label: '5xx %', Expression: 'IF(requests >= 50, 100 * errors / requests, 0)', ReturnData: true }],
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      ...alarmActions,
    },
  };
}

export function operationsResources(
  deployments: Record<FunctionName, FunctionDeployment>,
  stage: string,
  settings: OperationsSettings,
): Record<string, Resource> {
  const functions = Object.keys(deployments) as FunctionName[];
  const tableDimensions = [{ Name: 'TableName', Value: { Ref: TABLE_LOGICAL_ID } }];
  return {
    [ALARM_TOPIC_LOGICAL_ID]: {
      Type: 'AWS::SNS::Topic',
      Properties: {
        DisplayName: `党建平台告警 (${stage})`,
        ...(settings.alarmEmail ? { Subscription: [{ Protocol: 'email', Endpoint: settings.alarmEmail }] } : {}),
      },
    },
    // Scheduled jobs that still fail after Lambda's retries land here (the functions' on-failure destination),
    // with the event and the error, for 14 days: inspect, fix, and run the job again.
    [FAILURE_QUEUE_LOGICAL_ID]: {
      Type: 'AWS::SQS::Queue',
      Properties: { MessageRetentionPeriod: 14 * 86_400, SqsManagedSseEnabled: true },
    },
    JobFailureQueueDepthAlarm: countAlarm(
      'A scheduled or asynchronous invocation failed after its retries (see the failure queue)',
      { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [FAILURE_QUEUE_LOGICAL_ID, 'QueueName'] } }] },
      'Maximum',
    ),
    NoticesFailedAlarm: countAlarm('The outbox gave up on a WeCom notice (kept as failed after its last attempt)', { Namespace: metricNamespace(stage), MetricName: 'NoticesFailed' }),
    Api5xxRateAlarm: api5xxRateAlarm(),
    TableReadThrottleAlarm: countAlarm('DynamoDB throttled reads of the table', { Namespace: 'AWS/DynamoDB', MetricName: 'ReadThrottleEvents', Dimensions: tableDimensions }),
    TableWriteThrottleAlarm: countAlarm('DynamoDB throttled writes of the table', { Namespace: 'AWS/DynamoDB', MetricName: 'WriteThrottleEvents', Dimensions: tableDimensions }),
    ...Object.assign(
      {},
      ...functions.map((fn) => ({
        ...functionAlarms(fn),
        ...jobResources(fn, deployments[fn], stage),
        ...(deployments[fn].table.includes(OUTBOX_ACCESS) ? noticeFailureFilter(fn, stage) : {}),
        ...(deployments[fn].workQueue ? workDeadLetterAlarm(fn) : {}),
      })),
    ),
  };
}
