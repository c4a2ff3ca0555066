import type { SuggestionCategory } from '../../shared/api/suggestions';
import { createHash } from 'node:crypto';
import { anonymousActTime } from './anonymous-time';
import { authorTag, ownerHash, rateTag } from './author';
import { migrateAnonymity } from './migrate-anonymity';
import type { StoredEvent, StoredSuggestion } from './model';
import { createSuggestion, getSuggestion, saveTransition, type SubmissionClaim } from './store';

/**
 * Demo suggestions for the local stack: a few in each handling state, named and anonymous, so every page of
 * the suggestion box has something to show. Fixed ids and request ids make a second run change nothing.
 */
interface DemoSuggestion {
  id: string;
  author: { userId: string; name: string; branchId: string };
  anonymous: boolean;
  category: SuggestionCategory;
  title: string;
  content: string;
  createdAt: string;
  then?: (s: StoredSuggestion) => { next: StoredSuggestion; event: StoredEvent };
}

const secretary = { userId: 'demo-secretary', name: '张书记' };
const admin = { userId: 'demo-admin', name: '杨管理' };

const DEMO: DemoSuggestion[] = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    author: { userId: 'demo-ranger', name: '王护林', branchId: 'songling-zhuangzhi' },
    anonymous: false,
    category: 'work',
    title: '瞭望塔信号太弱',
    content: '三号瞭望塔手机信号很弱，学习推送和防火通知经常收不到，建议加装信号放大器。',
    createdAt: '2026-03-02T01:20:00.000Z',
    then: (s) => {
      const at = '2026-03-04T02:00:00.000Z';
      return {
        next: { ...s, status: 'replied', assignee: secretary, reply: { text: '已联系林业局信息科，四月底前为三号瞭望塔加装信号放大器。', byId: secretary.userId, byName: secretary.name, at }, updatedAt: at },
        event: { at, action: 'replied', actorId: secretary.userId, actorName: secretary.name },
      };
    },
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    author: { userId: 'demo-ranger', name: '王护林', branchId: 'songling-zhuangzhi' },
    anonymous: true,
    category: 'life',
    title: '冬季巡护补贴发放慢',
    content: '去年冬季的巡护补贴到现在还没有发放，希望支部帮忙问一问进度。',
    createdAt: '2026-03-05T03:00:00.000Z',
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    author: { userId: 'demo-office', name: '李机关', branchId: 'xinlin-office' },
    anonymous: false,
    category: 'platform',
    title: '党费账单希望能按季度提醒',
    content: '有些老党员习惯按季度缴纳，建议平台支持按季度提醒，并在账单里写清楚每月金额。',
    createdAt: '2026-03-06T06:30:00.000Z',
    then: (s) => {
      const at = '2026-03-07T01:00:00.000Z';
      return {
        next: { ...s, status: 'in_progress', assignee: { userId: admin.userId, name: admin.name }, updatedAt: at },
        event: { at, action: 'assigned', actorId: admin.userId, actorName: admin.name, note: `指派给${admin.name}` },
      };
    },
  },
];

/**
 * The demo anonymous suggestion's secret: public (derived from its id), so it is nobody's on a phone — like an
 * anonymous suggestion whose author lost their phone, handlers see it and its author cannot find it again.
 */
export const demoOwnerSecret = (id: string) => createHash('sha256').update(`demo-owner-secret\u0000${id}`).digest('base64url');

function demoClaim(demo: DemoSuggestion): SubmissionClaim {
  return demo.anonymous
    ? { kind: 'anonymous', ownerHash: ownerHash(demoOwnerSecret(demo.id)) }
    : { kind: 'named', authorTag: authorTag(demo.author.userId), clientRequestId: `demo-seed-${demo.id.slice(-4)}` };
}

/** Migrates items of the old anonymity design (a stack started before it), then adds the demo suggestions. */
export async function seedSuggestions(): Promise<string> {
  const migration = await migrateAnonymity();
  let created = 0;
  for (const demo of DEMO) {
    const at = demo.anonymous ? anonymousActTime(new Date(demo.createdAt)) : demo.createdAt;
    const suggestion: StoredSuggestion = {
      id: demo.id,
      title: demo.title,
      content: demo.content,
      category: demo.category,
      anonymous: demo.anonymous,
      ...(demo.anonymous ? { ownerHash: ownerHash(demoOwnerSecret(demo.id)) } : { authorId: demo.author.userId, authorName: demo.author.name }),
      branchId: demo.author.branchId,
      status: 'open',
      moderation: { verdict: 'pass', categories: [], titleHits: [], contentHits: [] },
      createdAt: at,
      updatedAt: at,
    };
    const events: StoredEvent[] = [{ at, action: 'submitted', ...(demo.anonymous ? {} : { actorId: demo.author.userId, actorName: demo.author.name }) }];
    const outcome = await createSuggestion({
      suggestion,
      events,
      claim: demoClaim(demo),
      rateTag: rateTag(demo.author.userId, 'demo-seed'),
      limit: 1000,
      now: new Date(demo.createdAt),
    });
    if (outcome !== 'created') continue;
    created += 1;
    if (demo.then) {
      const stored = (await getSuggestion(demo.id))!;
      const { next, event } = demo.then(stored);
      await saveTransition(stored, next, event);
    }
  }
  const migrated = migration.rewritten + migration.countersRemoved > 0 ? `; old anonymity items migrated: ${migration.rewritten} suggestions, ${migration.countersRemoved} counters` : '';
  return `${created} suggestions created (${DEMO.length} demo suggestions)${migrated}`;
}
