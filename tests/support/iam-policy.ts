/**
 * A small evaluator of the IAM statements serverless.ts generates for the table, enough to ask "may this role
 * do this action on these keys": Allow needs a matching statement whose conditions hold, any matching Deny wins.
 * It knows the shapes scripts/deploy/iam.ts writes (Resource as GetAtt/Sub of the table, LeadingKeys conditions
 * with ForAllValues:StringLike, ForAnyValue:StringEquals and ForAnyValue:StringLike) and refuses anything else, so a new shape fails loudly.
 */
export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string[]>>;
}

export type TableTarget = 'table' | 'gsi1' | 'gsi2';

interface RoleResource {
  Properties: { Policies: Array<{ PolicyDocument: { Statement: PolicyStatement[] } }> };
}

export function roleStatements(resources: Record<string, unknown>, roleId: string): PolicyStatement[] {
  const role = resources[roleId] as RoleResource | undefined;
  if (!role) throw new Error(`no role ${roleId}`);
  return role.Properties.Policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

/** Which part of the table a statement's Resource names, or undefined when it is not the table at all. */
export function tableTargets(resource: unknown): TableTarget[] {
  const text = JSON.stringify(resource);
  if (text === JSON.stringify({ 'Fn::GetAtt': ['PartyTable', 'Arn'] })) return ['table'];
  const index = /^\{"Fn::Sub":"\$\{PartyTable\.Arn\}\/index\/(gsi1|gsi2)"\}$/.exec(text);
  if (index) return [index[1] as TableTarget];
  if (text === '"*"') return ['table', 'gsi1', 'gsi2'];
  if (text.includes('PartyTable')) throw new Error(`unexpected table resource shape ${text}`);
  return [];
}

const globToRegExp = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

function conditionHolds(condition: PolicyStatement['Condition'], leadingKeys: string[]): boolean {
  if (!condition) return true;
  return Object.entries(condition).every(([operator, keys]) => {
    const values = keys['dynamodb:LeadingKeys'];
    if (!values || Object.keys(keys).length !== 1) throw new Error(`unexpected condition ${JSON.stringify(condition)}`);
    if (operator === 'ForAllValues:StringLike') return leadingKeys.every((key) => values.some((pattern) => globToRegExp(pattern).test(key)));
    if (operator === 'ForAnyValue:StringEquals') return leadingKeys.some((key) => values.includes(key));
    if (operator === 'ForAnyValue:StringLike') return leadingKeys.some((key) => values.some((pattern) => globToRegExp(pattern).test(key)));
    throw new Error(`unexpected condition operator ${operator}`);
  });
}

const actionsOf = (statement: PolicyStatement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);

function matches(statement: PolicyStatement, action: string, target: TableTarget, leadingKeys: string[]): boolean {
  const actionMatches = actionsOf(statement).some((granted) => granted === action || granted === 'dynamodb:*');
  return actionMatches && tableTargets(statement.Resource).includes(target) && conditionHolds(statement.Condition, leadingKeys);
}

/** Whether the statements let `action` on `target` with these partition key values through. */
export function isAllowed(statements: PolicyStatement[], action: string, target: TableTarget, leadingKeys: string[]): boolean {
  const relevant = statements.filter((statement) => matches(statement, action, target, leadingKeys));
  return relevant.some((statement) => statement.Effect === 'Allow') && !relevant.some((statement) => statement.Effect === 'Deny');
}

/** The statements that grant DynamoDB actions on the table or its indexes. */
export function tableAllowStatements(statements: PolicyStatement[]): PolicyStatement[] {
  return statements.filter(
    (statement) => statement.Effect === 'Allow' && actionsOf(statement).some((action) => action.startsWith('dynamodb:')) && tableTargets(statement.Resource).length > 0,
  );
}

export const matchesPattern = (pattern: string, value: string) => globToRegExp(pattern).test(value);
