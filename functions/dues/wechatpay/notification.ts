import * as z from 'zod/mini';
import type { NotificationKeys } from './gateway';
import { decryptResource, signatureProblem, type HeaderLookup, type SignatureProblem } from './signing';

const notificationSchema = z.object({
  id: z.string(),
  event_type: z.string(),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.optional(z.string()),
  }),
});

const transactionSchema = z.object({
  mchid: z.string(),
  appid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string(),
  trade_state: z.string(),
  success_time: z.optional(z.string()),
  amount: z.object({ total: z.number().check(z.int()), currency: z.optional(z.string()) }),
});
export type PaidTransaction = z.infer<typeof transactionSchema>;

export type OpenedNotification =
  | { kind: 'rejected'; problem: SignatureProblem | 'malformed' | 'undecryptable' }
  | { kind: 'other-event'; eventType: string }
  | { kind: 'transaction'; transaction: PaidTransaction };

/**
 * Opens a WeChat Pay notification the way its documentation demands: the signature over the raw body is
 * checked before anything is parsed, then the AEAD_AES_256_GCM resource is decrypted with the APIv3 key.
 */
export function openNotification(header: HeaderLookup, rawBody: string, keys: NotificationKeys, now: Date): OpenedNotification {
  const problem = signatureProblem(header, rawBody, keys.platformKeys, now);
  if (problem) return { kind: 'rejected', problem };
  let parsed: z.infer<typeof notificationSchema>;
  try {
    parsed = notificationSchema.parse(JSON.parse(rawBody));
  } catch {
    return { kind: 'rejected', problem: 'malformed' };
  }
  if (parsed.event_type !== 'TRANSACTION.SUCCESS') return { kind: 'other-event', eventType: parsed.event_type };
  const plaintext = decryptResource(parsed.resource, keys.apiV3Key);
  if (plaintext === undefined) return { kind: 'rejected', problem: 'undecryptable' };
  try {
    return { kind: 'transaction', transaction: transactionSchema.parse(JSON.parse(plaintext)) };
  } catch {
    return { kind: 'rejected', problem: 'malformed' };
  }
}
