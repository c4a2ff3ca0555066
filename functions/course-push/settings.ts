import { DEFAULT_STUDY_RULES, type CourseSettings } from '../../shared/api/courses';

/**
 * Defaults of every rule the issue makes configuration: the yearly study requirement (DOMAIN.md: at least
 * 32 hours), push frequency caps and quiet hours (Asia/Shanghai), and the recommender's weights. Admins
 * override them through the API; what they store is validated by the same schema.
 * The weights were tuned with `npm run bench:recommend` (offline evaluation on seeded histories).
 */
export const DEFAULT_SETTINGS: CourseSettings = {
  annualStudyHours: 32,
  study: DEFAULT_STUDY_RULES,
  push: {
    itemsPerNotice: 5,
    minDaysBetweenPushes: 6,
    maxPushesPer30Days: 4,
    quietHours: { start: '21:00', end: '08:00' },
    maxRecipientsPerNotice: 1000,
    sendRatePerSecond: 10,
  },
  recommender: {
    weights: { required: 3, continueLearning: 1.5, postFit: 1, content: 1.5, coCompletion: 1.2, branchTrend: 0.3, freshness: 0.2 },
    freshnessHalfLifeDays: 30,
    diversityPenalty: 0.6,
    maxPerTag: 3,
  },
};
