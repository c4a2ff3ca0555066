import { seedSuggestions } from '../../functions/suggestion-box/demo-seed';
import { seedFeedback } from '../../functions/feedback/seed';
import { seedSignupDemo } from '../../functions/signup/demo-seed';
import { seedCourses } from './course-seed';
import { seedDuesDemo } from '../../functions/dues/demo-seed';

/**
 * Demo data of each capability, seeded after the organisation (so members exist). Each entry must be
 * idempotent: a second `npm start` keeps what is there. Returns a one-line summary for the start log.
 */
export const CAPABILITY_SEEDS: Array<{ name: string; run: () => Promise<string> }> = [
  { name: 'feedback', run: () => seedFeedback() },
  { name: 'signup', run: () => seedSignupDemo() },
  { name: 'courses', run: () => seedCourses() },
  { name: 'dues', run: () => seedDuesDemo() },
  { name: 'suggestions', run: () => seedSuggestions() },
];
