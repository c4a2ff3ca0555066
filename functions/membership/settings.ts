import * as z from 'zod/mini';
import { config } from '../../shared/runtime/config';
import { LocalDataKeys, type DataKeyProvider } from './privacy/envelope';
import { KmsDataKeys } from './privacy/kms-data-keys';

/**
 * Settings of the membership capability beyond the joining rules (joining/rules.ts): the letter's validity, the
 * card's lifetime, and where data keys come from. Local rules are settings with their documented defaults.
 */
const settingsSchema = z.object({
  /** 介绍信 validity: sources say 10 days to 3 months (6 across provinces); 90 days unless set. */
  MEMBERSHIP_LETTER_VALIDITY_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(180)), 90),
  /** How long a card's QR statement is valid: short, so a screenshot is soon worthless; offline checks rely on it. */
  MEMBERSHIP_CARD_TTL_MINUTES: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(24 * 60)), 10),
  /** The sending committee's address and phone printed on letters unless the secretary gives another. */
  MEMBERSHIP_SENDER_ADDRESS: z._default(z.string(), '大兴安岭林业集团公司党委组织部'),
  /** Deployed stages: the KMS key (id, ARN or alias) that makes the data keys of sealed ID numbers. */
  MEMBERSHIP_KMS_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  /** Local stage only: the 32-byte master key (base64) that wraps data keys instead of KMS. */
  MEMBERSHIP_LOCAL_MASTER_KEY: z._default(z.string(), 'bG9jYWwtbWVtYmVyc2hpcC1tYXN0ZXIta2V5LTMyYiE='),
});

export type MembershipSettings = z.infer<typeof settingsSchema>;

let cached: MembershipSettings | undefined;
let provider: DataKeyProvider | undefined;

export function membershipSettings(): MembershipSettings {
  cached ??= settingsSchema.parse(process.env);
  return cached;
}

/**
 * KMS on a deployed stage, the local master key on the local stage: one code path (seal/open), the provider
 * chosen by configuration as secrets' sources are (shared/runtime/secrets.ts). A deployed stage without a KMS key
 * refuses to seal anything rather than fall back to the local key.
 */
export function dataKeyProvider(): DataKeyProvider {
  if (provider) return provider;
  const { STAGE, AWS_REGION } = config();
  const settings = membershipSettings();
  if (STAGE === 'local') provider = new LocalDataKeys(settings.MEMBERSHIP_LOCAL_MASTER_KEY);
  else if (settings.MEMBERSHIP_KMS_KEY_ID) provider = new KmsDataKeys(settings.MEMBERSHIP_KMS_KEY_ID, { region: AWS_REGION });
  else throw new Error(`refusing to seal ID numbers on stage "${STAGE}" without MEMBERSHIP_KMS_KEY_ID`);
  return provider;
}

export function resetMembershipSettingsForTests(next?: DataKeyProvider): void {
  cached = undefined;
  provider = next;
}
