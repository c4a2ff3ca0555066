/**
 * One IAM role per function, least privilege matching the data design: every DynamoDB statement carries a
 * `dynamodb:LeadingKeys` condition built from the partitions the function's deployment.ts declares (which come
 * from each capability's keys.ts), so a role reaches only the items and index entries it owns or reads.
 * Every ARN is partition-neutral (`${AWS::Partition}`): the stack deploys to aws-cn and aws alike.
 */
import type { FunctionDeployment, IndexName, TableAction, TableGrant } from '../../shared/runtime/deployment';
import { INDEXES } from '../../shared/runtime/table';
import { LEDGER_PARTITIONS } from '../../functions/dues/keys';
import { RECORD_CHAIN_PARTITIONS } from '../../functions/membership/keys';

export const TABLE_LOGICAL_ID = 'PartyTable';
export const FAILURE_QUEUE_LOGICAL_ID = 'JobFailureQueue';

type Statement = Record<string, unknown>;

const tableArn = { 'Fn::GetAtt': [TABLE_LOGICAL_ID, 'Arn'] };
const indexArn = (index: IndexName) => ({ 'Fn::Sub': `\${${TABLE_LOGICAL_ID}.Arn}/index/${index}` });
const leadingKeys = (patterns: Iterable<string>) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...new Set(patterns)].sort() } });

/**
 * Writes that could change or remove a ledger entry. BatchWriteItem is authorised as itself (not per contained
 * Put/Delete), and PartiQL has actions of its own: all are denied on the ledger's partitions (the retired single
 * chain and every branch chain) and on the membership record chains' (one per person), to every role.
 * Appending stays possible for the one role granted PutItem on each (dues, membership), whose Put is conditional on
 * `attribute_not_exists(pk)` (shared/runtime/hash-chain): IAM cannot see a condition expression. A chain's head item
 * moves on by a conditional Put too, never an UpdateItem.
 */
export const LEDGER_DENIED_ACTIONS = ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'];

/** Statements on the table: one per distinct action set, over the union of the partitions granted with it. */
function tableStatements(grants: readonly TableGrant[]): Statement[] {
  const byActions = new Map<string, { actions: TableAction[]; partitions: Set<string> }>();
  for (const grant of grants) {
    if (grant.table.length === 0) continue;
    const actions = [...new Set(grant.actions)].sort();
    const key = actions.join(',');
    const group = byActions.get(key) ?? { actions, partitions: new Set<string>() };
    for (const partition of grant.table) group.partitions.add(partition);
    byActions.set(key, group);
  }
  return [...byActions.values()].map(({ actions, partitions }) => ({
    Effect: 'Allow',
    Action: actions,
    Resource: tableArn,
    Condition: leadingKeys(partitions),
  }));
}

/** On an index only Query reads: one statement per index, its leading keys being the index's partition values. */
function indexStatements(grants: readonly TableGrant[]): Statement[] {
  return INDEXES.flatMap((index) => {
    const partitions = grants.filter((grant) => grant.actions.includes('dynamodb:Query')).flatMap((grant) => grant.indexes?.[index] ?? []);
    if (partitions.length === 0) return [];
    return [{ Effect: 'Allow', Action: ['dynamodb:Query'], Resource: indexArn(index), Condition: leadingKeys(partitions) }];
  });
}

/** `extraStatements`: grants outside the table, such as reading the function's own secrets (serverless.ts). */
export function functionRole(fn: string, deployment: FunctionDeployment, extraStatements: readonly Statement[] = []): Record<string, unknown> {
  const statements: Statement[] = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/\${AWS::StackName}-${fn}:*` },
    },
    // Active tracing: X-Ray takes no resource-level permissions.
    { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    // The on-failure destination of asynchronous (scheduled) invocations.
    { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::GetAtt': [FAILURE_QUEUE_LOGICAL_ID, 'Arn'] } },
    ...extraStatements,
    ...tableStatements(deployment.table),
    ...indexStatements(deployment.table),
    {
      Effect: 'Deny',
      Action: LEDGER_DENIED_ACTIONS,
      Resource: tableArn,
      Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [...LEDGER_PARTITIONS, ...RECORD_CHAIN_PARTITIONS] } },
    },
  ];
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
