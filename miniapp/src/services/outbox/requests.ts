import { coursesApi, feedbackApi, orgLifeApi, signupApi, suggestionsApi, type BodyOf, type Endpoint } from '@shared/api';

/**
 * The writes that may wait on the device: each carries a clientRequestId, so the server carries it out once
 * however often it arrives. Payments and anything without such an id are never queued.
 */
export type OutboxRequest =
  | { kind: 'suggestion'; body: BodyOf<typeof suggestionsApi.submit> }
  | { kind: 'progress'; body: BodyOf<typeof coursesApi.recordProgress> }
  | { kind: 'rating'; body: BodyOf<typeof feedbackApi.rate> }
  | { kind: 'registration'; activityId: string; body: BodyOf<typeof signupApi.register> }
  | { kind: 'meeting-checkin'; meetingId: string; body: BodyOf<typeof orgLifeApi.checkIn> }
  | { kind: 'meeting-leave'; meetingId: string; body: BodyOf<typeof orgLifeApi.askLeave> };

export type OutboxKind = OutboxRequest['kind'];

const ENDPOINTS: Record<OutboxKind, Endpoint> = {
  suggestion: suggestionsApi.submit,
  progress: coursesApi.recordProgress,
  rating: feedbackApi.rate,
  registration: signupApi.register,
  'meeting-checkin': orgLifeApi.checkIn,
  'meeting-leave': orgLifeApi.askLeave,
};

/** The kind of write in the "待发送" list. */
export const KIND_LABELS: Record<OutboxKind, string> = {
  suggestion: '意见',
  progress: '学习进度',
  rating: '评价',
  registration: '活动报名',
  'meeting-checkin': '会议签到',
  'meeting-leave': '会议请假',
};

/** A stored request is sent only if the contract still accepts its body (storage may be corrupted or old). */
export function isOutboxRequest(value: unknown): value is OutboxRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, body, activityId, meetingId } = value as { kind?: unknown; body?: unknown; activityId?: unknown; meetingId?: unknown };
  if (typeof kind !== 'string' || !(kind in ENDPOINTS)) return false;
  if (kind === 'registration' && (typeof activityId !== 'string' || activityId === '')) return false;
  if (kind.startsWith('meeting-') && (typeof meetingId !== 'string' || meetingId === '')) return false;
  return ENDPOINTS[kind as OutboxKind].body?.safeParse(kind === 'suggestion' ? withLegacySecret(body) : body).success === true;
}

/**
 * An anonymous suggestion an older app queued has no owner secret. It is still sent, so the member sees the
 * server's refusal (重新提交) in the pending list instead of losing it without a word.
 */
function withLegacySecret(body: unknown): unknown {
  const anonymousWithoutSecret = typeof body === 'object' && body !== null && (body as { anonymous?: unknown }).anonymous === true && !('ownerSecret' in body);
  return anonymousWithoutSecret ? { ...body, ownerSecret: 'A'.repeat(43) } : body;
}

export function requestIdOf(request: OutboxRequest): string {
  return request.body.clientRequestId;
}
