import { COMMON_SECRETS, HELD_SECRETS_VARIABLE, secretParameterName, type SecretName } from '../../shared/runtime/secrets';

/** A deployed stage's non-secret settings, as an operator would set them before `serverless deploy`. */
export const DEPLOYED_SETTINGS = { WECOM_CORP_ID: 'ww7f3a9c0d1e2b4a56', WECOM_MINIPROGRAM_APPID: 'wx5e8d1c2b3a4f6e70' } as const;

/** Secret values an operator would store, one per secret (none is a local default). */
export const DEPLOYED_SECRETS: Record<SecretName, string> = {
  JWT_SECRET: 'prod-session-key-3f9a1c7e5b2d4f608a1c3e5b7d9f1a2c',
  WECOM_APP_SECRET: 'prod-wecom-app-secret-8b6d4f2a0c9e7b5d',
  WECHAT_APP_SECRET: 'prod-wechat-app-secret-1a3c5e7f9b2d4f6a',
  WECHATPAY_MERCHANT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nprod-merchant-key-body\\n-----END PRIVATE KEY-----',
  WECHATPAY_APIV3_KEY: 'prodApiV3Key0123456789abcdefABCD',
  WECHATPAY_PLATFORM_KEYS: '{"5157F09EFDC096DE15EBE81A47057A72":"-----BEGIN PUBLIC KEY-----\\nprod\\n-----END PUBLIC KEY-----"}',
  SUGGESTION_AUTHOR_KEY: 'prod-suggestion-author-key-6c4e2a0f8d6b4c2e',
  MEMBER_CARD_SIGNING_KEY: '4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e',
};

/** The environment serverless.ts gives a function on a deployed stage that holds the common secrets only. */
export function deployedEnvironment(stage: string, held: readonly SecretName[] = COMMON_SECRETS): NodeJS.ProcessEnv {
  return { STAGE: stage, ...DEPLOYED_SETTINGS, [HELD_SECRETS_VARIABLE]: held.join(',') };
}

/** The SSM parameters of a stage, by parameter name, for the given secrets. */
export function deployedParameters(stage: string, held: readonly SecretName[] = COMMON_SECRETS): Map<string, string> {
  return new Map(held.map((name) => [secretParameterName(stage, name), DEPLOYED_SECRETS[name]]));
}
