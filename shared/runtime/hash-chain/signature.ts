import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { config, type Config } from '../config';
import { canonicalJson } from './canonical';

/**
 * Checkpoint signatures: HMAC-SHA256 over the checkpoint's canonical encoding, with a key of its own derived
 * (HKDF) from the platform's session secret — the same mechanism as paging cursors (page-cursor.ts), under a
 * label per use so a checkpoint signature can never pass for a cursor or a session one. A rotated secret is
 * picked up with the config (the old checkpoints then verify under the old secret only: their root and the
 * heads pushed to admins still stand).
 */
const keys = new Map<string, { from: Config; key: Buffer }>();

function keyFor(label: string): Buffer {
  const current = config();
  const known = keys.get(label);
  if (known && known.from === current) return known.key;
  const key = Buffer.from(hkdfSync('sha256', current.JWT_SECRET, '', label, 32));
  keys.set(label, { from: current, key });
  return key;
}

export function signCheckpoint(body: object, label: string): string {
  return createHmac('sha256', keyFor(label)).update(canonicalJson(body), 'utf8').digest('hex');
}

export function checkpointSignatureOk(body: object, signature: string, label: string): boolean {
  const expected = Buffer.from(signCheckpoint(body, label), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
