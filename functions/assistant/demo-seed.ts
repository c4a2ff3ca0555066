import type { Caller } from '../../shared/runtime/session';
import { addPassage } from './corpus';

/** The demo admin who "added" the seeded passage (scripts/local/demo-data.ts). */
const DEMO_ADMIN: Caller = { userId: 'demo-admin', name: '杨管理', roles: ['member', 'admin'], branchId: 'songling-office', category: 'office' };

/**
 * One passage added the way an admin adds one, so the demo shows an added passage beside the shipped ones
 * and a corpus at version 1. Idempotent: the same request id names the same passage, added once.
 */
export async function seedAssistantDemo(now = new Date()): Promise<string> {
  const { passage, created } = await addPassage(
    DEMO_ADMIN,
    {
      title: 'AI 党建助手怎样回答问题',
      text: 'AI 党建助手只根据平台收录的条文和您本人在平台上的数据回答问题，每条回答都注明出处。助手不保存您的提问，不统计谁问了多少，也不把提问用于任何考核；找不到依据时会回答“我不确定”，并告诉您向谁咨询。',
      source: '本平台设置（党费管理员或平台管理员可调整）',
      clientRequestId: 'demo-assistant-how-it-answers',
    },
    now,
  );
  return created ? `added passage ${passage.id} (corpus version ${passage.version})` : 'already seeded';
}
