/**
 * Operational settings of a deployed stage, read from the packaging machine's environment (like CORS_ORIGINS),
 * with defaults sized for the group's 100,000 members.
 *
 * Sizing: a busy morning (a weekly push on Monday 09:00, a dues day, a popular activity opening) brings at
 * most ~20% of members within an hour, ~30 requests each: 600,000 requests/h ≈ 170/s on average, with peaks
 * of ~3× within a minute ≈ 500/s. A request holds a Lambda copy ~50–150 ms, so the whole API needs ~75
 * concurrent copies at that peak. The stage throttle (500 req/s, bursts of 1,000) passes that peak and stops a
 * runaway client or a retry storm from reaching DynamoDB and WeCom; reserved concurrency gives each function
 * its share (and caps it, so one function's flood cannot starve the others), summing to 270 of a region's
 * default 1,000 (an account needs ≥ 100 unreserved, so at least 370: raise the quota of a new account first).
 */
import type { FunctionName } from '../../shared/api/contract';

/** Per function: its share of the peak, with headroom for cold starts. */
export const DEFAULT_RESERVED_CONCURRENCY: Record<FunctionName, number> = {
  // Everyone opens the app at the same moments (login, /me, toggles and usage events on every page).
  identity: 50,
  feedback: 50,
  // 1,000 members may rush a popular activity's seats within seconds (bench:signup).
  signup: 50,
  // Pay day: members paying at once, and payment notifications from WeChat Pay.
  dues: 40,
  suggestionBox: 20,
  // Course pages and progress; the weekly push is one copy for up to 15 minutes.
  coursePush: 20,
  // Members' questions to the assistant: short answers from memory once a copy has loaded its index.
  assistant: 10,
  // A branch's meetings: a few dozen members checking in within minutes.
  orgLife: 10,
  // The committee's view and the evaluator: a few people at a time.
  assessment: 10,
  // Secretaries' record keeping and members showing their cards: a branch's pace.
  membership: 10,
};

export const DEFAULT_API_THROTTLE = { rateLimit: 500, burstLimit: 1000 };

/** A scheduled job that failed is retried this often by Lambda (at most 2), then sent to the failure queue. */
export const JOB_RETRY_ATTEMPTS = 2;
/** An asynchronous event older than this (seconds) is not retried but sent to the failure queue. */
export const JOB_MAX_EVENT_AGE_SECONDS = 6 * 3600;

export interface OperationsSettings {
  /** Reserved concurrency per function; `RESERVED_CONCURRENCY=off` omits it (accounts with a low quota). */
  reservedConcurrency: Partial<Record<FunctionName, number>>;
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** Where alarms are mailed (an SNS e-mail subscription the recipient confirms); none: subscribe later. */
  alarmEmail?: string;
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

/**
 * `RESERVED_CONCURRENCY` = `off`, or overrides such as `identity=80,signup=100`; `API_THROTTLE_RATE`,
 * `API_THROTTLE_BURST`; `ALARM_EMAIL`. A malformed value stops the packaging instead of deploying a guess.
 */
export function operationsSettings(env: NodeJS.ProcessEnv = process.env): OperationsSettings {
  const reserved = env.RESERVED_CONCURRENCY?.trim();
  let reservedConcurrency: Partial<Record<FunctionName, number>> = { ...DEFAULT_RESERVED_CONCURRENCY };
  if (reserved === 'off') reservedConcurrency = {};
  else if (reserved) {
    for (const pair of reserved.split(',')) {
      const [fn, value] = pair.split('=').map((part) => part.trim());
      if (!fn || !value || !(fn in DEFAULT_RESERVED_CONCURRENCY)) throw new Error(`RESERVED_CONCURRENCY: unknown entry "${pair}"`);
      reservedConcurrency[fn as FunctionName] = positiveInteger(`RESERVED_CONCURRENCY ${fn}`, value);
    }
  }
  const alarmEmail = env.ALARM_EMAIL?.trim();
  if (alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) throw new Error(`ALARM_EMAIL is not an e-mail address: "${alarmEmail}"`);
  return {
    reservedConcurrency,
    apiThrottle: {
      rateLimit: env.API_THROTTLE_RATE ? positiveInteger('API_THROTTLE_RATE', env.API_THROTTLE_RATE) : DEFAULT_API_THROTTLE.rateLimit,
      burstLimit: env.API_THROTTLE_BURST ? positiveInteger('API_THROTTLE_BURST', env.API_THROTTLE_BURST) : DEFAULT_API_THROTTLE.burstLimit,
    },
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}
