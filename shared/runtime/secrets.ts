import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SSMClient } from '@aws-sdk/client-ssm';

/**
 * Every configuration setting that is a secret. On a deployed stage each is an SSM Parameter Store SecureString
 * under the stage's prefix (secretParameterName), read at run time and never written into the template; the
 * local stage reads the same names from the environment. A new secret (e.g. a signing key) is one more name here
 * and in the config schema, plus the `secrets` of the functions that hold it (functions/<name>/deployment.ts).
 */
export const SECRET_SETTINGS = [
  'JWT_SECRET',
  'WECOM_APP_SECRET',
  'WECHAT_APP_SECRET',
  'WECHATPAY_MERCHANT_PRIVATE_KEY',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PLATFORM_KEYS',
  'SUGGESTION_AUTHOR_KEY',
  'MEMBER_CARD_SIGNING_KEY',
] as const;

export type SecretName = (typeof SECRET_SETTINGS)[number];

/** Secrets every function holds: the session key (every route checks sessions) and WeCom's (every function sends notices). */
export const COMMON_SECRETS: readonly SecretName[] = ['JWT_SECRET', 'WECOM_APP_SECRET'];

/** The environment variable that lists, on a deployed stage, the secrets a function holds (comma-separated). */
export const HELD_SECRETS_VARIABLE = 'SECRETS';

/** Non-secret settings every deployed function needs (WeCom's corp, the mini-program its notices open), from stage parameters. */
export const STAGE_SETTINGS: readonly string[] = ['WECOM_CORP_ID', 'WECOM_MINIPROGRAM_APPID'];

/** The environment variable that lists, on a deployed stage, the non-secret settings a function needs beyond STAGE_SETTINGS. */
export const REQUIRED_SETTINGS_VARIABLE = 'REQUIRED_SETTINGS';

export const isSecretName = (name: string): name is SecretName => (SECRET_SETTINGS as readonly string[]).includes(name);

/** `/party-platform/<stage>/` — every parameter of a stage lives under it, and IAM grants read on exactly those. */
export const secretsPrefix = (stage: string): string => `/party-platform/${stage}/`;

/** `JWT_SECRET` on stage prod → `/party-platform/prod/jwt-secret`. */
export const secretParameterName = (stage: string, name: SecretName): string =>
  `${secretsPrefix(stage)}${name.toLowerCase().replace(/_/g, '-')}`;

/** The secrets a deployed function holds, as serverless.ts listed them in its environment. */
export function heldSecrets(env: NodeJS.ProcessEnv): SecretName[] {
  const listed = (env[HELD_SECRETS_VARIABLE] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = listed.filter((name) => !isSecretName(name));
  if (unknown.length > 0) throw new Error(`${HELD_SECRETS_VARIABLE} names unknown secrets: ${unknown.join(', ')}`);
  return listed as SecretName[];
}

/** Where secret values come from: SSM on a deployed stage, the environment on the local stage. Absent ones are left out. */
export interface SecretSource {
  read(names: readonly SecretName[]): Promise<Partial<Record<SecretName, string>>>;
}

/** The local stage's source: the process environment, as `npm start` and the tests set it. */
export class EnvSecretSource implements SecretSource {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async read(names: readonly SecretName[]): Promise<Partial<Record<SecretName, string>>> {
    return Object.fromEntries(names.flatMap((name) => (this.env[name] === undefined ? [] : [[name, this.env[name]]])));
  }
}

/**
 * A deployed stage's source: SecureString parameters read with Powertools Parameters (GetParameters in
 * batches of ten, decrypted), cached for maxAgeSeconds per Lambda copy. A parameter that does not exist is
 * left out, so the configuration check names it; any other failure (permissions, network) is thrown.
 */
export class SsmSecretSource implements SecretSource {
  private provider: Promise<SSMProvider> | undefined;

  constructor(
    private readonly stage: string,
    private readonly maxAgeSeconds: number,
    private readonly client?: SSMClient,
  ) {}

  async read(names: readonly SecretName[]): Promise<Partial<Record<SecretName, string>>> {
    if (names.length === 0) return {};
    // Loaded on first use: the local stage never pays for the SSM client.
    this.provider ??= import('@aws-lambda-powertools/parameters/ssm').then(({ SSMProvider }) => new SSMProvider(this.client ? { awsSdkV3Client: this.client } : {}));
    const provider = await this.provider;
    const byParameter = new Map(names.map((name) => [secretParameterName(this.stage, name), name]));
    const found: Record<string, unknown> = await provider.getParametersByName<string>(Object.fromEntries([...byParameter.keys()].map((parameter) => [parameter, {}])), {
      decrypt: true,
      maxAge: this.maxAgeSeconds,
      throwOnError: false,
    });
    const values: Partial<Record<SecretName, string>> = {};
    for (const [parameter, name] of byParameter) {
      const value = found[parameter];
      if (typeof value === 'string') values[name] = value;
    }
    return values;
  }
}
