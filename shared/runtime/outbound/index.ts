export { type Notice, NOTICE_LIMITS, noticeProblems, recipientBatches } from './notice';
export { type NoticeSender, WecomNoticeSender, wecomNoticeSender } from './sender';
export { type OutboxRecord, type OutboxStatus, enqueueNotice, outboxPut, deliver, sendNotice, deliverDueNotices, failedNotices, getOutboxRecord } from './outbox';
