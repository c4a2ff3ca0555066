import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FeatureKey } from '../../shared/api/features';
import {
  auditEntrySchema,
  homeLayoutSchema,
  proposalSchema,
  ruleSchema,
  toggleStateSchema,
  type AuditEntry,
  type HomeLayout,
  type Proposal,
  type Rule,
  type ToggleState,
} from '../../shared/api/feedback';
import type { MemberCategory } from '../../shared/api/identity-model';
import { AppError } from '../../shared/runtime/app-error';
import { db, tableName } from '../../shared/runtime/db';
import { featureConfigKeys, forgetFeatureConfig } from '../../shared/runtime/feature-gate';
import { memberDirectoryPartitions } from '../../shared/runtime/table';
import { feedbackKeys } from './keys';
import { parseAll, queryAll, queryPage, type Item, type Page } from './store-support';
import { cancellationCodes, transactWithRetry, type TransactItems } from './transact';

/** The store of the loop's configuration: toggles and their audit, home layouts, rules, proposals. */

export type { Page } from './store-support';

// ── toggles, audit and home layouts ─────────────────────────────────────────────────────────────

export async function getToggle(feature: FeatureKey): Promise<ToggleState | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: featureConfigKeys.toggle(feature), ConsistentRead: true }));
  return Item ? parseAll([Item], toggleStateSchema)[0] : undefined;
}

export interface ProposalDecision {
  id: string;
  by: string;
  at: string;
}

function decideProposalUpdate(decision: ProposalDecision, status: 'applied' | 'dismissed') {
  const index = feedbackKeys.proposalsIndex(status, decision.at, decision.id);
  return {
    TableName: tableName(),
    Key: feedbackKeys.proposal(decision.id),
    UpdateExpression: 'SET #status = :status, decidedAt = :at, decidedBy = :by, updatedAt = :at, gsi1pk = :gpk, gsi1sk = :gsk',
    ConditionExpression: '#status = :open',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': status, ':at': decision.at, ':by': decision.by, ':open': 'open', ':gpk': index.gsi1pk, ':gsk': index.gsi1sk },
  };
}

const staleProposal = () => new AppError(409, 'PROPOSAL_NOT_OPEN');

/**
 * Saves a toggle change together with its audit entry (and, when it applies a proposal, the proposal's
 * decision) in one transaction, only if nobody changed the toggle since `expectedVersion` was read.
 */
export async function saveToggleChange(next: ToggleState, expectedVersion: number, audit: AuditEntry, decision?: ProposalDecision): Promise<void> {
  const items: TransactItems = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...featureConfigKeys.toggle(next.feature), type: 'toggle', ...next },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
      },
    },
    { Put: { TableName: tableName(), Item: { ...feedbackKeys.audit(audit.feature, audit.at, audit.id), type: 'toggle-audit', ...audit } } },
  ];
  if (decision) items.push({ Update: decideProposalUpdate(decision, 'applied') });
  try {
    await transactWithRetry(items);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') throw new AppError(409, 'TOGGLE_VERSION_CONFLICT');
    if (codes?.[2] === 'ConditionalCheckFailed') throw staleProposal();
    throw error;
  }
  forgetFeatureConfig();
}

export async function listAudit(query: { feature?: FeatureKey; limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
  return query.feature
    ? queryPage({ pk: `TOGGLEAUDIT#${query.feature}`, pkName: 'pk', limit: query.limit, cursor: query.cursor }, auditEntrySchema)
    : queryPage({ index: 'gsi1', pk: 'TOGGLEAUDIT', pkName: 'gsi1pk', limit: query.limit, cursor: query.cursor }, auditEntrySchema);
}

/** Every attribute of a home layout item by name (several are DynamoDB reserved words). */
const HOME_NAMES = Object.fromEntries(['type', 'category', 'pinned', 'hidden', 'updatedAt', 'updatedBy', 'revision', 'usage'].map((name) => [`#${name}`, name]));

export interface StoredHomeLayout extends HomeLayout {
  revision: number;
}

export async function getHomeLayout(category: MemberCategory): Promise<StoredHomeLayout> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: featureConfigKeys.home(category), ConsistentRead: true }));
  const layout = Item ? parseAll([Item], homeLayoutSchema)[0] : undefined;
  return { category, pinned: [], hidden: [], usage: {}, ...layout, revision: typeof Item?.revision === 'number' ? Item.revision : 0 };
}

/** Pins and hidden entries of a category, changed only if nobody else did since `revision` (and deciding a proposal with it). */
export async function saveHomeChoices(layout: StoredHomeLayout, updatedBy: string, at: string, decision?: ProposalDecision): Promise<void> {
  const items: TransactItems = [
    {
      Update: {
        TableName: tableName(),
        Key: featureConfigKeys.home(layout.category),
        UpdateExpression:
          'SET #type = :type, #category = :category, #pinned = :pinned, #hidden = :hidden, #updatedAt = :at, #updatedBy = :by, #revision = :next, #usage = if_not_exists(#usage, :empty)',
        ConditionExpression: 'attribute_not_exists(#revision) OR #revision = :revision',
        ExpressionAttributeNames: HOME_NAMES,
        ExpressionAttributeValues: {
          ':type': 'home-layout',
          ':category': layout.category,
          ':pinned': layout.pinned,
          ':hidden': layout.hidden,
          ':at': at,
          ':by': updatedBy,
          ':revision': layout.revision,
          ':next': layout.revision + 1,
          ':empty': {},
        },
      },
    },
  ];
  if (decision) items.push({ Update: decideProposalUpdate(decision, 'applied') });
  try {
    await transactWithRetry(items);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') throw new AppError(409, 'CONFLICT', '首页布局刚被其他人修改，请刷新后重试');
    if (codes?.[1] === 'ConditionalCheckFailed') throw staleProposal();
    throw error;
  }
  forgetFeatureConfig();
}

/** The scheduled evaluation's usage figures; pins and hidden entries stay as admins set them. */
export async function saveHomeUsage(category: MemberCategory, usage: Record<string, number>, computedAt: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: featureConfigKeys.home(category),
      UpdateExpression:
        'SET #type = :type, #category = :category, #usage = :usage, #usageComputedAt = :at, #pinned = if_not_exists(#pinned, :none), #hidden = if_not_exists(#hidden, :none)',
      ExpressionAttributeNames: { '#type': 'type', '#category': 'category', '#usage': 'usage', '#usageComputedAt': 'usageComputedAt', '#pinned': 'pinned', '#hidden': 'hidden' },
      ExpressionAttributeValues: { ':type': 'home-layout', ':category': category, ':usage': usage, ':at': computedAt, ':none': [] },
    }),
  );
}

// ── rules and proposals ─────────────────────────────────────────────────────────────────────────

export async function listRules(): Promise<Rule[]> {
  return parseAll(await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'RULES' } }), ruleSchema);
}

export async function getRule(id: string): Promise<Rule | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: feedbackKeys.rule(id), ConsistentRead: true }));
  return Item ? parseAll([Item], ruleSchema)[0] : undefined;
}

/** Creates (`mustExist` false) or replaces (`mustExist` true) a rule. Answers false if that precondition failed. */
export async function putRule(rule: Rule, mustExist: boolean): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...feedbackKeys.rule(rule.id), ...feedbackKeys.rulesIndex(rule.createdAt, rule.id), type: 'rule', ...rule },
        ConditionExpression: mustExist ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function deleteRule(id: string): Promise<boolean> {
  const { Attributes } = await db().send(new DeleteCommand({ TableName: tableName(), Key: feedbackKeys.rule(id), ReturnValues: 'ALL_OLD' }));
  return Attributes !== undefined;
}

export async function markRuleEvaluated(id: string, at: string): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: feedbackKeys.rule(id),
        UpdateExpression: 'SET lastEvaluatedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (error) {
    // Deleted while it was being evaluated: nothing to mark.
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
}

/**
 * Opens a proposal, or refreshes the evidence of the same open one. One that was decided comes back only
 * after `reopenAfter` (so a dismissal is not answered by the same proposal a few minutes later).
 * Answers whether it was written.
 */
export async function upsertProposal(proposal: Proposal, reopenAfter: string): Promise<boolean> {
  const { id, createdAt, ...fields } = proposal;
  const names: Record<string, string> = { '#status': 'status' };
  const values: Item = { ':open': 'open', ':reopen': reopenAfter, ':createdAt': createdAt, ':type': 'proposal' };
  const sets = ['#type = :type', 'createdAt = if_not_exists(createdAt, :createdAt)', 'id = :id'];
  names['#type'] = 'type';
  values[':id'] = id;
  const index = feedbackKeys.proposalsIndex('open', proposal.updatedAt, id);
  for (const [name, value] of Object.entries({ ...fields, ...index })) {
    if (name === 'decidedAt' || name === 'decidedBy' || value === undefined) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: feedbackKeys.proposal(id),
        UpdateExpression: `SET ${sets.join(', ')} REMOVE decidedAt, decidedBy`,
        ConditionExpression: 'attribute_not_exists(pk) OR #status = :open OR decidedAt < :reopen',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function getProposal(id: string): Promise<Proposal | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: feedbackKeys.proposal(id), ConsistentRead: true }));
  return Item ? parseAll([Item], proposalSchema)[0] : undefined;
}

export async function listProposals(status: Proposal['status'], limit: number, cursor?: string): Promise<Page<Proposal>> {
  return queryPage({ index: 'gsi1', pk: `PROPOSALS#${status}`, pkName: 'gsi1pk', limit, cursor }, proposalSchema);
}

export async function countOpenProposals(): Promise<number> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'PROPOSALS#open' },
      Select: 'COUNT',
    }),
  );
  return reply.Count ?? 0;
}

export async function decideProposal(decision: ProposalDecision, status: 'applied' | 'dismissed'): Promise<void> {
  try {
    await db().send(new UpdateCommand(decideProposalUpdate(decision, status)));
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') throw staleProposal();
    throw error;
  }
}

// ── admins ──────────────────────────────────────────────────────────────────────────────────────

/** User ids of the platform admins (scheduled job only: reads the roster through every shard of the members index). */
export async function adminUserIds(): Promise<string[]> {
  const shards = await Promise.all(
    memberDirectoryPartitions().map((partition) =>
      queryAll({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        FilterExpression: 'contains(#roles, :admin)',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: { ':pk': partition, ':admin': 'admin' },
        ProjectionExpression: 'userId',
      }),
    ),
  );
  return shards.flat().map((item) => String(item.userId));
}

/** Ids of the branches in the organisation tree (to refuse targeting a branch that does not exist). */
export async function branchIds(): Promise<Set<string>> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :branch)',
    ExpressionAttributeValues: { ':pk': 'ORGS', ':branch': 'branch#' },
  });
  return new Set(items.map((item) => String(item.id)));
}
