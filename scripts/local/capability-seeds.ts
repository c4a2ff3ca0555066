import { seedSuggestions } from '../../functions/suggestion-box/demo-seed';
import { seedFeedback } from '../../functions/feedback/seed';
import { seedSignupDemo } from '../../functions/signup/demo-seed';
import { seedCourses } from './course-seed';
import { seedFailedNoticeDemo } from '../../functions/course-push/push/demo-seed';
import { seedDuesDemo } from '../../functions/dues/demo-seed';
import { seedAssistantDemo } from '../../functions/assistant/demo-seed';
import { seedOrgLifeDemo } from '../../functions/org-life/demo-seed';
import { seedAssessmentDemo, seedAssessmentSnapshots } from '../../functions/assessment/demo-seed';
import { seedMembershipDemo } from '../../functions/membership/demo-seed';

export interface SeedOptions {
  /**
   * `npm start` only: what makes the demo look like a branch's life (members opening features and rating them)
   * but would shift the figures every test table starts from.
   */
  branchLife?: boolean;
}

/**
 * Demo data of each capability, seeded after the organisation (so members exist). Each entry must be
 * idempotent: a second `npm start` keeps what is there. Returns a one-line summary for the start log.
 */
export const CAPABILITY_SEEDS: Array<{ name: string; run: (options: SeedOptions) => Promise<string> }> = [
  { name: 'feedback', run: (options) => seedFeedback(new Date(), options) },
  { name: 'signup', run: () => seedSignupDemo() },
  { name: 'courses', run: () => seedCourses() },
  { name: 'notices', run: () => seedFailedNoticeDemo() },
  { name: 'dues', run: () => seedDuesDemo() },
  { name: 'suggestions', run: () => seedSuggestions() },
  { name: 'assistant', run: () => seedAssistantDemo() },
  { name: 'orgLife', run: () => seedOrgLifeDemo() },
  { name: 'assessment', run: () => seedAssessmentDemo() },
  // After dues and courses: nothing of theirs depends on it, and a transfer in the demo moves their items too.
  { name: 'membership', run: () => seedMembershipDemo() },
  // Last: the committee's view counts every other capability's demo data (the snapshot job's units, in process).
  { name: 'assessmentSnapshots', run: () => seedAssessmentSnapshots() },
];
