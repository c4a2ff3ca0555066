import * as z from 'zod/mini';
import { logger } from './logger';
import {
  COMMON_SECRETS,
  EnvSecretSource,
  REQUIRED_SETTINGS_VARIABLE,
  SECRET_SETTINGS,
  STAGE_SETTINGS,
  SsmSecretSource,
  heldSecrets,
  isSecretName,
  secretParameterName,
  type SecretName,
  type SecretSource,
} from './secrets';

/** The secret used when none is configured: good for the local stage only. */
export const LOCAL_DEV_JWT_SECRET = 'local-dev-secret-do-not-use-in-production-000000';

/** The author key used when none is configured: good for the local stage only. */
export const LOCAL_DEV_SUGGESTION_AUTHOR_KEY = 'local-dev-suggestion-author-key-do-not-use-000000';

/**
 * The member card's signing key on the local stage (an Ed25519 seed generated once for development, hex); its
 * public key is LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY in shared/membership-card. A deployed stage refuses it.
 */
export const LOCAL_DEV_MEMBER_CARD_SIGNING_KEY = 'a559adc0f2395bfde3b5c28744f077c46bf08680ea39d2ee624a2e878620769b';

/** Values that make the local stage run with nothing configured; a deployed stage refuses every one of them. */
const LOCAL_DEFAULTS = {
  JWT_SECRET: LOCAL_DEV_JWT_SECRET,
  WECOM_CORP_ID: 'ww-local-corp',
  WECOM_APP_SECRET: 'local-wecom-secret',
  WECOM_MINIPROGRAM_APPID: 'wx-local-miniprogram',
  WECHAT_APP_ID: 'wx-local-miniprogram',
  WECHAT_APP_SECRET: 'local-wechat-secret',
  SUGGESTION_AUTHOR_KEY: LOCAL_DEV_SUGGESTION_AUTHOR_KEY,
  MEMBER_CARD_SIGNING_KEY: LOCAL_DEV_MEMBER_CARD_SIGNING_KEY,
} as const;

const csv = z.pipe(
  z.string(),
  z.transform((value: string) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
);

/** A WeChat Pay setting: unset or empty (a deployment's `${env:NAME, ""}`) both mean "not configured". */
const wechatPaySetting = z.optional(z.pipe(z.string(), z.transform((value: string) => (value.trim() === '' ? undefined : value))));

const configSchema = z.object({
  STAGE: z._default(z.string().check(z.regex(/^[a-z0-9-]+$/)), 'local'),
  TABLE_NAME: z._default(z.string().check(z.minLength(3)), 'party-platform-local'),
  AWS_REGION: z._default(z.string(), 'cn-north-1'),
  /** Set for DynamoDB Local; absent in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.string().check(z.url())),
  JWT_SECRET: z._default(z.string().check(z.minLength(32, 'JWT_SECRET must be at least 32 characters')), LOCAL_DEFAULTS.JWT_SECRET),
  SESSION_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.positive()), 7200),
  WECOM_BASE_URL: z._default(z.string().check(z.url()), 'https://qyapi.weixin.qq.com'),
  WECOM_CORP_ID: z._default(z.string(), LOCAL_DEFAULTS.WECOM_CORP_ID),
  WECOM_APP_SECRET: z._default(z.string(), LOCAL_DEFAULTS.WECOM_APP_SECRET),
  WECOM_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.positive()), 5000),
  WECOM_MINIPROGRAM_APPID: z._default(z.string(), LOCAL_DEFAULTS.WECOM_MINIPROGRAM_APPID),
  OUTBOX_MAX_ATTEMPTS: z._default(z.coerce.number().check(z.int(), z.positive()), 5),
  MAX_BODY_BYTES: z._default(z.coerce.number().check(z.int(), z.positive()), 256 * 1024),
  /** WeChat Pay v3 (dues). Unset on the local stage, which uses the labelled local payment simulator instead. */
  WECHATPAY_BASE_URL: z._default(z.string().check(z.url()), 'https://api.mch.weixin.qq.com'),
  WECHATPAY_MCH_ID: wechatPaySetting,
  WECHATPAY_APP_ID: wechatPaySetting,
  /** Serial number of the merchant API certificate, named in every signed merchant request. */
  WECHATPAY_MERCHANT_SERIAL: wechatPaySetting,
  /** Merchant API private key (PEM; `\\n` escapes allowed) that signs merchant requests and JSAPI parameters. */
  WECHATPAY_MERCHANT_PRIVATE_KEY: wechatPaySetting,
  /** The 32-byte APIv3 key that decrypts notification resources. */
  WECHATPAY_APIV3_KEY: wechatPaySetting,
  /** Platform (or WeChat Pay public) keys by serial, as JSON `{"<serial>": "<PEM>"}`: notifications name theirs in Wechatpay-Serial. */
  WECHATPAY_PLATFORM_KEYS: wechatPaySetting,
  WECHATPAY_NOTIFY_URL: wechatPaySetting,
  WECHATPAY_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.positive()), 5000),
  /** Key of the keyed hash that stands for a suggestion's author; held by the suggestion box only (see suggestionAuthorKey). */
  SUGGESTION_AUTHOR_KEY: z.optional(z.string().check(z.minLength(32, 'SUGGESTION_AUTHOR_KEY must be at least 32 characters'))),
  /** Ed25519 seed (hex) that signs digital member cards; held by the membership function only. */
  MEMBER_CARD_SIGNING_KEY: z._default(z.string().check(z.regex(/^[0-9a-f]{64}$/, 'MEMBER_CARD_SIGNING_KEY must be 32 bytes of hex')), LOCAL_DEFAULTS.MEMBER_CARD_SIGNING_KEY),
  SUGGESTION_RATE_LIMIT_PER_HOUR: z._default(z.coerce.number().check(z.int(), z.positive()), 10),
  /** How long a Lambda copy serves its compiled lexicon before checking for a newer version. */
  MODERATION_CACHE_TTL_SECONDS: z._default(z.coerce.number().check(z.nonnegative()), 30),
  /** WeChat msgSecCheck as a second opinion beside the platform's own filter: off unless set. */
  MSG_SEC_CHECK_ENABLED: z._default(z.stringbool(), false),
  WECHAT_BASE_URL: z._default(z.string().check(z.url()), 'https://api.weixin.qq.com'),
  WECHAT_APP_ID: z._default(z.string(), LOCAL_DEFAULTS.WECHAT_APP_ID),
  WECHAT_APP_SECRET: z._default(z.string(), LOCAL_DEFAULTS.WECHAT_APP_SECRET),
  WECHAT_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.positive()), 3000),
  /**
   * The function's own work queue (SQS; serverless.ts creates it for a function with `workQueue` in its
   * deployment.ts): fanned-out jobs send their units there. Locally the local runtime's queue (scripts/local/api).
   */
  WORK_QUEUE_URL: z.optional(z.string().check(z.url())),
  /** Deliveries of a unit before its message goes to the dead-letter queue (the queue's maxReceiveCount). */
  WORK_QUEUE_MAX_RECEIVES: z._default(z.coerce.number().check(z.int(), z.positive()), 3),
  SQS_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.positive()), 5000),
  /** Early warning: hits of a category in a branch within the window that raise an alert by themselves. */
  EARLY_WARNING_WINDOW_MINUTES: z._default(z.coerce.number().check(z.int(), z.positive()), 60),
  EARLY_WARNING_THRESHOLD: z._default(z.coerce.number().check(z.int(), z.positive()), 10),
  /** …or this multiple of the window's recent baseline, once at least EARLY_WARNING_MIN_HITS. */
  EARLY_WARNING_SURGE_MULTIPLE: z._default(z.coerce.number().check(z.positive()), 3),
  EARLY_WARNING_MIN_HITS: z._default(z.coerce.number().check(z.int(), z.positive()), 3),
  EARLY_WARNING_BASELINE_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 7),
  /** WeCom userids that receive early-warning notices (admins, reviewers). */
  EARLY_WARNING_RECIPIENTS: z._default(csv, []),
  /**
   * The assistant's optional model, which only rephrases the passages it retrieved: `off` (the default, fully
   * offline) or `bedrock` where the group allows one (ASSISTANT_BEDROCK_MODEL_ID names the model).
   */
  ASSISTANT_MODEL: z._default(z.enum(['off', 'bedrock']), 'off'),
  // Deployed as empty when unset: read as absent.
  ASSISTANT_BEDROCK_MODEL_ID: z.optional(z.pipe(z.string(), z.transform((value: string) => (value.trim() === '' ? undefined : value)))),
  /** Where a member is sent when the assistant is not sure. */
  ASSISTANT_WHERE_TO_ASK: z._default(z.string().check(z.minLength(2)), '请向所在党支部书记咨询，或联系上级党委组织部门。'),
  /** Assessment: a branch's satisfaction results are shown only from this many responses (no answer traceable). */
  SURVEY_MIN_RESPONSES: z._default(z.coerce.number().check(z.int(), z.minimum(3)), 5),
  /** Assessment: a suggestion counts as replied in time when replied within this many days. */
  SUGGESTION_REPLY_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 15),
});

export type Config = z.infer<typeof configSchema>;

/** Reads and validates the environment; refuses to run a deployed stage with the local secret. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  const config = parsed.data;
  if (config.STAGE !== 'local' && config.JWT_SECRET === LOCAL_DEV_JWT_SECRET) {
    throw new Error(`refusing to start stage "${config.STAGE}" with the default JWT secret: set JWT_SECRET`);
  }
  return config;
}

export interface WechatPaySettings {
  baseUrl: string;
  mchId: string;
  appId: string;
  merchantSerial: string;
  merchantPrivateKey: string;
  apiV3Key: string;
  platformKeys: Record<string, string>;
  notifyUrl: string;
  timeoutMs: number;
}

const pem = (value: string) => value.replace(/\\n/g, '\n');

/**
 * The WeChat Pay settings, or undefined on the local stage when none are set (the local payment simulator
 * stands in). Any other stage refuses to take payments without every one of them, like JWT_SECRET.
 */
export function wechatPaySettings(c: Config = config()): WechatPaySettings | undefined {
  const required = {
    WECHATPAY_MCH_ID: c.WECHATPAY_MCH_ID,
    WECHATPAY_APP_ID: c.WECHATPAY_APP_ID,
    WECHATPAY_MERCHANT_SERIAL: c.WECHATPAY_MERCHANT_SERIAL,
    WECHATPAY_MERCHANT_PRIVATE_KEY: c.WECHATPAY_MERCHANT_PRIVATE_KEY,
    WECHATPAY_APIV3_KEY: c.WECHATPAY_APIV3_KEY,
    WECHATPAY_PLATFORM_KEYS: c.WECHATPAY_PLATFORM_KEYS,
    WECHATPAY_NOTIFY_URL: c.WECHATPAY_NOTIFY_URL,
  };
  const missing = Object.entries(required).filter(([, value]) => value === undefined).map(([name]) => name);
  if (missing.length === Object.keys(required).length && c.STAGE === 'local') return undefined;
  if (missing.length > 0) throw new Error(`refusing to take WeChat Pay payments on stage "${c.STAGE}" without ${missing.join(', ')}`);
  if ([...c.WECHATPAY_APIV3_KEY!].length !== 32) throw new Error('WECHATPAY_APIV3_KEY must be 32 bytes');
  if (!z.url().safeParse(c.WECHATPAY_NOTIFY_URL).success) throw new Error('WECHATPAY_NOTIFY_URL must be a URL');
  let platformKeys: Record<string, string>;
  try {
    platformKeys = z.record(z.string(), z.string()).parse(JSON.parse(c.WECHATPAY_PLATFORM_KEYS!));
  } catch {
    throw new Error('WECHATPAY_PLATFORM_KEYS must be a JSON object of serial → PEM public key');
  }
  return {
    baseUrl: c.WECHATPAY_BASE_URL,
    mchId: c.WECHATPAY_MCH_ID!,
    appId: c.WECHATPAY_APP_ID!,
    merchantSerial: c.WECHATPAY_MERCHANT_SERIAL!,
    merchantPrivateKey: pem(c.WECHATPAY_MERCHANT_PRIVATE_KEY!),
    apiV3Key: c.WECHATPAY_APIV3_KEY!,
    platformKeys: Object.fromEntries(Object.entries(platformKeys).map(([serial, key]) => [serial, pem(key)])),
    notifyUrl: c.WECHATPAY_NOTIFY_URL!,
    timeoutMs: c.WECHATPAY_TIMEOUT_MS,
  };
}

/**
 * The key of the suggestion box's author hash. Only the suggestion box calls this, so other functions run
 * without it; a deployed stage refuses to use the local default, like JWT_SECRET.
 */
export function suggestionAuthorKey(c: Config = config()): string {
  if (c.SUGGESTION_AUTHOR_KEY !== undefined) return c.SUGGESTION_AUTHOR_KEY;
  if (c.STAGE !== 'local') throw new Error(`refusing to start stage "${c.STAGE}" with the default suggestion author key: set SUGGESTION_AUTHOR_KEY`);
  return LOCAL_DEV_SUGGESTION_AUTHOR_KEY;
}

/** Only used, so only needed, while msgSecCheck is on. */
const MSG_SEC_CHECK_SETTINGS = new Set(['WECHAT_APP_ID', 'WECHAT_APP_SECRET']);

const isLocalStage = (env: NodeJS.ProcessEnv) => (env.STAGE ?? 'local') === 'local';
const listIn = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

/**
 * A deployed function's settings, each checked: every secret it holds and every setting it needs must be set,
 * non-empty and not a local default. Names each offender and where it comes from (the SSM parameter for a
 * secret), so an operator knows what to create.
 */
export function refuseUnconfiguredStage(env: NodeJS.ProcessEnv): void {
  if (isLocalStage(env)) return;
  const stage = env.STAGE!;
  const msgSecCheck = z.stringbool().safeParse(env.MSG_SEC_CHECK_ENABLED ?? 'false').data === true;
  const needed = [...new Set<string>([...COMMON_SECRETS, ...STAGE_SETTINGS, ...heldSecrets(env), ...listIn(env[REQUIRED_SETTINGS_VARIABLE])])].filter(
    (name) => msgSecCheck || !MSG_SEC_CHECK_SETTINGS.has(name),
  );
  const problems = needed.flatMap((name) => {
    const where = isSecretName(name) ? `${name} (SSM SecureString ${secretParameterName(stage, name)})` : `${name} (stage setting)`;
    const value = env[name];
    if (value === undefined || value.trim() === '') return [`${where} is not set`];
    if (value === (LOCAL_DEFAULTS as Record<string, string>)[name]) return [`${where} is the local default`];
    return [];
  });
  if (problems.length > 0) throw new Error(`refusing to start stage "${stage}": ${problems.join('; ')}`);
}

/** The source of secrets for an environment: SSM on a deployed stage, the environment itself on the local stage. */
export function secretSourceFor(env: NodeJS.ProcessEnv): SecretSource {
  return isLocalStage(env) ? new EnvSecretSource(env) : new SsmSecretSource(env.STAGE!, secretsMaxAgeSeconds(env));
}

/** How long a Lambda copy uses the secrets it read before reading them again (rotation without a redeploy); 300 s unless set. */
function secretsMaxAgeSeconds(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.SECRETS_MAX_AGE_SECONDS ?? 300);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 300;
}

/**
 * What a Lambda copy does to learn its configuration: the environment's settings, with the secrets read from the
 * stage's source on top (on a deployed stage a secret in the environment is ignored: secrets come from SSM only),
 * checked, then validated.
 */
export async function readConfig(env: NodeJS.ProcessEnv = process.env, source: SecretSource = secretSourceFor(env)): Promise<Config> {
  const local = isLocalStage(env);
  const names: readonly SecretName[] = local ? SECRET_SETTINGS : heldSecrets(env);
  const settings = local ? { ...env } : Object.fromEntries(Object.entries(env).filter(([name]) => !isSecretName(name)));
  const merged = { ...settings, ...(await source.read(names)) };
  refuseUnconfiguredStage(merged);
  return loadConfig(merged);
}

interface Loaded {
  promise: Promise<Config>;
  config?: Config;
  loadedAtMs: number;
}

let current: Loaded | undefined;
let refreshing = false;
let sourceOverride: SecretSource | undefined;

function startLoading(): Loaded {
  const entry: Loaded = { promise: readConfig(process.env, sourceOverride ?? secretSourceFor(process.env)), loadedAtMs: Date.now() };
  entry.promise.then(
    (loaded) => {
      entry.config = loaded;
    },
    // Forget a failed first read, so the next invocation tries again (e.g. once the operator created the parameter).
    () => {
      if (current === entry) current = undefined;
    },
  );
  return entry;
}

/** Reads again in the background; the copy keeps serving what it has, and keeps the same object if nothing changed. */
function refresh(stale: Loaded & { config: Config }): void {
  refreshing = true;
  readConfig(process.env, sourceOverride ?? secretSourceFor(process.env))
    .then((next) => {
      if (current !== stale) return;
      if (JSON.stringify(next) === JSON.stringify(stale.config)) stale.loadedAtMs = Date.now();
      else current = { promise: Promise.resolve(next), config: next, loadedAtMs: Date.now() };
    })
    .catch((error: unknown) => logger.warn('configuration refresh failed; keeping the current one', { reason: error instanceof Error ? error.message : String(error) }))
    .finally(() => {
      refreshing = false;
    });
}

/**
 * The configuration of this Lambda copy, read once (secrets from SSM on a deployed stage) and re-read in the
 * background once older than SECRETS_MAX_AGE_SECONDS. The handler stack awaits this before anything else;
 * on the hot path it is one already-settled promise.
 */
export function configReady(): Promise<Config> {
  if (!current) current = startLoading();
  else if (current.config && !refreshing && Date.now() - current.loadedAtMs >= secretsMaxAgeSeconds(process.env) * 1000) {
    refresh(current as Loaded & { config: Config });
  }
  return current.promise;
}

/**
 * The configuration, synchronously: what configReady() read. The local stage's source is the environment, so
 * there it is read on the spot for code that runs without the handler stack (scripts, unit tests).
 */
export function config(): Config {
  if (current?.config) return current.config;
  if (!isLocalStage(process.env)) throw new Error('configuration used before configReady() resolved');
  const local = loadConfig(process.env);
  current = { promise: Promise.resolve(local), config: local, loadedAtMs: Date.now() };
  return local;
}

/** Tests change the environment between cases; this forgets what was read (and may name the source of secrets to use next). */
export function resetConfigForTests(source?: SecretSource): void {
  current = undefined;
  refreshing = false;
  sourceOverride = source;
}
