import { randomUUID } from 'node:crypto';
import type { Rule, RuleInput } from '../../shared/api/feedback';
import { AppError } from '../../shared/runtime/app-error';
import { ruleProblems } from './rule-engine';
import * as store from './store';

function checked(input: RuleInput): RuleInput {
  const problems = ruleProblems(input);
  if (problems.length > 0) throw new AppError(400, 'RULE_INVALID', undefined, problems);
  return input;
}

export async function listRules(): Promise<Rule[]> {
  return (await store.listRules()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function createRule(input: RuleInput, now = new Date()): Promise<Rule> {
  const at = now.toISOString();
  const rule: Rule = { ...checked(input), id: randomUUID(), createdAt: at, updatedAt: at };
  if (!(await store.putRule(rule, false))) throw new AppError(409, 'CONFLICT');
  return rule;
}

export async function updateRule(id: string, input: RuleInput, now = new Date()): Promise<Rule> {
  const current = await store.getRule(id);
  if (!current) throw new AppError(404, 'RULE_NOT_FOUND');
  const rule: Rule = { ...checked(input), id, createdAt: current.createdAt, updatedAt: now.toISOString() };
  if (!(await store.putRule(rule, true))) throw new AppError(404, 'RULE_NOT_FOUND');
  return rule;
}

export async function deleteRule(id: string): Promise<void> {
  if (!(await store.deleteRule(id))) throw new AppError(404, 'RULE_NOT_FOUND');
}
