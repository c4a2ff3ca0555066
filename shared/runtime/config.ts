import * as z from 'zod/mini';

/** The secret used when none is configured: good for the local stage only. */
export const LOCAL_DEV_JWT_SECRET = 'local-dev-secret-do-not-use-in-production-000000';

const csv = z.pipe(
  z.string(),
  z.transform((value: string) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
);

const configSchema = z.object({
  STAGE: z._default(z.string().check(z.regex(/^[a-z0-9-]+$/)), 'local'),
  TABLE_NAME: z._default(z.string().check(z.minLength(3)), 'party-platform-local'),
  AWS_REGION: z._default(z.string(), 'cn-north-1'),
  /** Set for DynamoDB Local; absent in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.string().check(z.url())),
  JWT_SECRET: z._default(z.string().check(z.minLength(32, 'JWT_SECRET must be at least 32 characters')), LOCAL_DEV_JWT_SECRET),
  SESSION_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.positive()), 7200),
  WECOM_BASE_URL: z._default(z.string().check(z.url()), 'https://qyapi.weixin.qq.com'),
  WECOM_CORP_ID: z._default(z.string(), 'ww-local-corp'),
  WECOM_APP_SECRET: z._default(z.string(), 'local-wecom-secret'),
  WECOM_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.positive()), 5000),
  WECOM_MINIPROGRAM_APPID: z._default(z.string(), 'wx-local-miniprogram'),
  OUTBOX_MAX_ATTEMPTS: z._default(z.coerce.number().check(z.int(), z.positive()), 5),
  CORS_ORIGINS: z._default(csv, ['http://localhost:10086']),
  MAX_BODY_BYTES: z._default(z.coerce.number().check(z.int(), z.positive()), 256 * 1024),
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

let cached: Config | undefined;
/** The process-wide configuration, read once per Lambda copy. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/** Tests change the environment between cases; this forgets what was read. */
export function resetConfigForTests(): void {
  cached = undefined;
}
