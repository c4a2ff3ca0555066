export { type Notice, NOTICE_LIMITS, noticeProblems, recipientBatches } from './notice';
export { type NoticeSender, WecomNoticeSender, wecomNoticeSender } from './sender';
export {
  type DeliveryOptions,
  type DeliveryOutcome,
  type OutboxRecord,
  type OutboxStatus,
  LEASE_MS,
  enqueueNotice,
  outboxPut,
  deliver,
  sendNotice,
  deliverDueNotices,
  failedNotices,
  getOutboxRecord,
  redriveNotice,
} from './outbox';
