import { randomBytes, randomUUID } from 'node:crypto';
import { handler } from '../../functions/suggestion-box/handler';
import { DEMO_ACCOUNTS, demoMembers } from '../../scripts/local/demo-data';
import type { Member } from '../../shared/api/identity-model';
import type { HttpHandler } from '../../shared/runtime/http';
import { issueSession } from '../../shared/runtime/session';
import { call, type CallOptions, type CallResult } from './api';

/** Helpers for the suggestion box's integration tests: sessions of demo members and calls to the real handler. */
export const suggestionBox = handler as unknown as HttpHandler;

export function memberById(userId: string): Member {
  const member = [...DEMO_ACCOUNTS, ...demoMembers()].find((m) => m.userId === userId);
  if (!member) throw new Error(`no demo member ${userId}`);
  return member;
}

const tokens = new Map<string, string>();
export async function tokenOf(userId: string): Promise<string> {
  if (!tokens.has(userId)) tokens.set(userId, (await issueSession(memberById(userId))).token);
  return tokens.get(userId)!;
}

export async function as<T = any>(userId: string, method: string, path: string, options: Omit<CallOptions, 'token'> = {}): Promise<CallResult<T>> {
  return call<T>(suggestionBox, method, path, { ...options, token: await tokenOf(userId) });
}

export const requestId = () => randomUUID();

/** The secret an app makes for one anonymous suggestion (32 random bytes, base64url). */
export const newOwnerSecret = () => randomBytes(32).toString('base64url');

/** Posts a suggestion as the app does: an anonymous one carries a fresh secret unless the test passes its own. */
export function submit(userId: string, fields: Record<string, unknown> = {}) {
  const secret = fields.anonymous === true && !('ownerSecret' in fields) ? { ownerSecret: newOwnerSecret() } : {};
  return as(userId, 'POST', '/api/v1/suggestions', {
    body: { title: '关于巡护补贴', content: '希望冬季巡护补贴能按月发放。', category: 'life', clientRequestId: requestId(), ...secret, ...fields },
  });
}

/** The anonymous suggestions the given secrets open, as the app asks for them. */
export async function anonymousLookup(userId: string, ownerSecrets: string[]) {
  return as(userId, 'POST', '/api/v1/suggestions/anonymous/lookup', { body: { ownerSecrets } });
}
