import type { CapabilityKey } from '../../shared/api/capabilities';
import type { Member } from '../../shared/api/identity-model';
import type { UsageEvent } from '../../shared/api/feedback';
import { moderateComment } from './comment-filter';
import { recordEvents } from './events';
import { rateFeature } from './ratings';

/**
 * A fortnight of a branch's life for the feedback screens: members opening features (sent through the same
 * per-member event path as the app, so 打开人数 counts people), and ratings with comments in their own words
 * (through the same comment filter). Deterministic from the member list; ids from member and day.
 */
const DAY = 86_400_000;

/** What each kind of member opens most: rangers study and sign up, office staff pay and suggest, retirees pay and study. */
const HABITS: Record<string, CapabilityKey[]> = {
  ranger: ['courses', 'signup', 'dues', 'suggestions'],
  production: ['signup', 'courses', 'dues'],
  office: ['dues', 'suggestions', 'courses', 'feedback'],
  retiree: ['dues', 'courses'],
  probationary: ['courses', 'signup', 'dues'],
};

const RATINGS: Array<{ feature: CapabilityKey; rating: number; comment?: string }> = [
  { feature: 'courses', rating: 5, comment: '课程短小，巡护间隙就能学完一节。' },
  { feature: 'courses', rating: 4, comment: '希望多一些森林防火方面的案例。' },
  { feature: 'signup', rating: 5, comment: '报名和签到都在手机上，不用再跑去林场办公室登记。' },
  { feature: 'dues', rating: 5, comment: '每月多少钱、怎么算的写得很清楚。' },
  { feature: 'dues', rating: 4 },
  { feature: 'suggestions', rating: 4, comment: '提的意见有人答复了，比以前强。' },
  { feature: 'courses', rating: 3, comment: '字有点小，老花眼看着费劲。' },
  { feature: 'signup', rating: 4 },
  { feature: 'dues', rating: 5, comment: '老党员按季度缴也方便。' },
  { feature: 'suggestions', rating: 5 },
  { feature: 'courses', rating: 4 },
  { feature: 'signup', rating: 3, comment: '瞭望塔上信号差，签到码有时刷不出来。' },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** One member's opens over the last `days` days: every fourth day, one feature (sometimes used, not just opened). */
export function demoOpens(member: Member, index: number, now: Date, days = 14): UsageEvent[] {
  const habits = HABITS[member.category] ?? ['dues'];
  const events: UsageEvent[] = [];
  for (let back = days - 1; back >= 1; back -= 1) {
    if ((index + back) % 4 !== 0) continue; // most days a member does not open the app
    const feature = habits[(index + back) % habits.length]!;
    const at = new Date(now.getTime() - back * DAY - ((index * 37) % 600) * 60_000);
    events.push({ id: `demo-${member.userId}-${back}-open`.replace(/[^A-Za-z0-9_-]/g, '-'), feature, action: 'opened', at: at.toISOString() });
    if (back % 2 === 0) events.push({ id: `demo-${member.userId}-${back}-act`.replace(/[^A-Za-z0-9_-]/g, '-'), feature, action: 'action', at: new Date(at.getTime() + 60_000).toISOString() });
  }
  return events;
}

export async function seedFeedbackActivity(members: readonly Member[], now = new Date()): Promise<{ members: number; ratings: number }> {
  const active = members.filter((_, index) => index % 2 === 0); // half never opened it this fortnight
  // A few members at a time: quick on a first start, without a burst DynamoDB Local would queue.
  for (let start = 0; start < active.length; start += 8) {
    await Promise.all(active.slice(start, start + 8).map((member, offset) => recordEvents(member, demoOpens(member, start + offset, now), now)));
  }
  let ratings = 0;
  for (const [index, rating] of RATINGS.entries()) {
    const member = active[(index * 5) % active.length];
    if (!member) continue;
    const at = new Date(now.getTime() - ((index % 6) + 1) * DAY);
    const clientRequestId = `demo-rating-${pad(index)}-${member.userId}`.replace(/[^A-Za-z0-9_-]/g, '-');
    await rateFeature(member, { feature: rating.feature, rating: rating.rating, clientRequestId, ...(rating.comment ? { comment: rating.comment } : {}) }, moderateComment, at);
    ratings += 1;
  }
  return { members: active.length, ratings };
}
