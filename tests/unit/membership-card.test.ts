import { verifyAsync } from '@noble/ed25519';
import type { CardStatement } from '../../shared/api/membership';
import { LOCAL_DEV_MEMBER_CARD_SIGNING_KEY } from '../../shared/runtime/config';
import { publicKeyOf, signCard, verifyCardOffline } from '../../shared/membership-card/card-token';
import { LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY, cardPublicKeys } from '../../shared/membership-card/public-keys';

const NOW = Date.parse('2026-12-05T02:00:00Z');
const statement: CardStatement = {
  v: 1,
  sub: 'demo-ranger',
  name: '王护林',
  branchId: 'xinlin-cuigang',
  branchName: '翠岗林场党支部',
  standing: '正式党员',
  gen: 1,
  iat: NOW / 1000,
  exp: NOW / 1000 + 600,
};
const OTHER_SEED = '11'.repeat(32);
/** A forger's statement encoded the way the platform encodes one (ASCII JSON, base64url), so only the signature can give it away. */
const forgedBody = (value: CardStatement): string =>
  Buffer.from(JSON.stringify(value).replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)).toString('base64url');

describe('digital member card, verified offline with the public key alone', () => {
  it('ships the public key of the local signing key', async () => {
    expect(await publicKeyOf(LOCAL_DEV_MEMBER_CARD_SIGNING_KEY)).toBe(LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY);
  });

  it('accepts a card the platform signed, while it is valid', async () => {
    const token = await signCard(statement, LOCAL_DEV_MEMBER_CARD_SIGNING_KEY);
    expect(await verifyCardOffline(token, [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], NOW + 60_000)).toEqual({ valid: true, statement });
    expect(await verifyCardOffline(token, [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], NOW + 600_000)).toMatchObject({ valid: false, reason: 'expired' });
  });

  it('refuses a card with a changed branch, one signed by another key, and junk', async () => {
    const token = await signCard(statement, LOCAL_DEV_MEMBER_CARD_SIGNING_KEY);
    const [body, signature] = token.split('.') as [string, string];
    const forged = forgedBody({ ...statement, branchId: 'songling-zhuangzhi', branchName: '壮志林场党支部' });
    expect(await verifyCardOffline(`${forged}.${signature}`, [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], NOW)).toMatchObject({ valid: false, reason: 'bad-signature' });
    const otherKey = await signCard(statement, OTHER_SEED);
    expect(await verifyCardOffline(otherKey, [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], NOW)).toMatchObject({ valid: false, reason: 'bad-signature' });
    expect(await verifyCardOffline(body, [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], NOW)).toEqual({ valid: false, reason: 'malformed' });
    expect(await verifyCardOffline('eyJ4IjoxfQ.AAAA', [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], NOW)).toEqual({ valid: false, reason: 'malformed' });
    const rawUtf8 = Buffer.from(JSON.stringify(statement)).toString('base64url');
    expect(await verifyCardOffline(`${rawUtf8}.${signature}`, [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], NOW)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('trusts only the stage’s own key in a deployed build, never the public development key', async () => {
    const stageKey = await publicKeyOf(OTHER_SEED);
    expect(cardPublicKeys(stageKey)).toEqual([stageKey]);
    expect(cardPublicKeys(undefined)).toEqual([LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY]);
    const devSigned = await signCard(statement, LOCAL_DEV_MEMBER_CARD_SIGNING_KEY);
    expect(await verifyCardOffline(devSigned, cardPublicKeys(stageKey), NOW)).toMatchObject({ valid: false, reason: 'bad-signature' });
  });

  describe('on a runtime without crypto.subtle, TextEncoder, TextDecoder, atob or btoa (the WeChat mini-program)', () => {
    const webOnly = ['crypto', 'TextEncoder', 'TextDecoder', 'atob', 'btoa'] as const;
    const originals = webOnly.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)!] as const);
    afterEach(() => originals.forEach(([name, descriptor]) => Object.defineProperty(globalThis, name, descriptor)));

    it('still verifies a card offline, and still refuses a forged one', async () => {
      const token = await signCard(statement, LOCAL_DEV_MEMBER_CARD_SIGNING_KEY);
      const [, signature] = token.split('.') as [string, string];
      const forged = `${forgedBody({ ...statement, standing: '预备党员' })}.${signature}`;
      Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues: (bytes: Uint8Array) => bytes }, configurable: true });
      for (const name of webOnly.slice(1)) Object.defineProperty(globalThis, name, { value: undefined, configurable: true });
      expect(globalThis.crypto.subtle).toBeUndefined();
      expect(typeof TextDecoder).toBe('undefined');
      // What the library's async path needs is really gone here.
      await expect(verifyAsync(new Uint8Array(64), new Uint8Array(1), new Uint8Array(32))).rejects.toThrow('crypto.subtle');
      expect(await verifyCardOffline(token, [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], NOW + 60_000)).toEqual({ valid: true, statement });
      expect(await verifyCardOffline(forged, [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], NOW)).toMatchObject({ valid: false, reason: 'bad-signature' });
    });
  });
});
