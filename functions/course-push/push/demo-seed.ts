import { AppError } from '../../../shared/runtime/app-error';
import { config } from '../../../shared/runtime/config';
import { deliver, enqueueNotice, type NoticeSender } from '../../../shared/runtime/outbound';
import { pushNotice } from './notice-content';

const HOUR_MS = 3_600_000;
const DEMO_KEY = 'course-push#demo#wecom-outage';

/** WeCom as it answers during an outage ("system busy"): every call refused. */
const outage: NoticeSender = {
  send: async () => {
    throw new AppError(503, 'WECOM_UNAVAILABLE', '企业微信消息发送失败（-1）');
  },
};

/**
 * A weekly-push notice that WeCom refused on every attempt, so the admins' 发送失败的消息 page has something to
 * show and re-drive from the first start. Made the way a real one is: queued, then retried through the outbox
 * against an outage until it gives up. Idempotent: a second start finds the key queued and leaves it.
 */
export async function seedFailedNoticeDemo(now = new Date()): Promise<string> {
  const notice = pushNotice(DEMO_KEY, 'demo', [{ courseId: 'fire-season-rules', title: '森林防火期管理规定', kind: 'required' }], ['demo-ranger', 'demo-office']);
  const queuedAt = new Date(now.getTime() - 48 * HOUR_MS);
  if (!(await enqueueNotice(notice, queuedAt))) return 'failed notice kept';
  for (let attempt = 0; attempt < config().OUTBOX_MAX_ATTEMPTS; attempt += 1) {
    const at = queuedAt.getTime() + attempt * 2 * HOUR_MS;
    await deliver(DEMO_KEY, outage, { due: new Date(at), clock: () => at });
  }
  return '1 failed notice';
}
