import fc from 'fast-check';
import { checkinCode, issueCheckinToken, rotationWindow, verifyCheckinToken, windowExpiry } from '../../shared/runtime/checkin/token';

const SECRET = 'unit-test-secret-that-is-long-enough-0000000';
const settings = { purpose: 'signup-checkin', rotationSeconds: 30, graceSeconds: 15 };
const ACTIVITY = 'a1b2c3d4e5f6a7b8c9d0';
const at = (seconds: number) => new Date(seconds * 1000);
/** 10:00:00 UTC on a day, the start of a rotation window. */
const T = Date.parse('2026-04-12T10:00:00.000Z') / 1000;

describe('the rotating check-in token', () => {
  it('is accepted in its window and for the grace after the next code appears, then refused as expired', async () => {
    const issued = await issueCheckinToken(SECRET, ACTIVITY, at(T + 5), settings);
    expect(issued.rotatesAt.toISOString()).toBe('2026-04-12T10:00:30.000Z');
    expect(issued.expiresAt.toISOString()).toBe('2026-04-12T10:00:45.000Z');
    for (const presented of [issued.token, issued.code]) {
      expect(await verifyCheckinToken(SECRET, ACTIVITY, presented, at(T + 29), settings)).toEqual({ valid: true, window: issued.window });
      expect(await verifyCheckinToken(SECRET, ACTIVITY, presented, at(T + 44), settings)).toMatchObject({ valid: true });
      expect(await verifyCheckinToken(SECRET, ACTIVITY, presented, at(T + 45), settings)).toEqual({ valid: false, reason: 'expired' });
      expect(await verifyCheckinToken(SECRET, ACTIVITY, presented, at(T + 600), settings)).toEqual({ valid: false, reason: 'expired' });
    }
  });

  it('is refused as invalid for another activity, another secret, or tampering', async () => {
    const issued = await issueCheckinToken(SECRET, ACTIVITY, at(T), settings);
    expect(await verifyCheckinToken(SECRET, 'ffffffffffffffffffff', issued.token, at(T + 1), settings)).toEqual({ valid: false, reason: 'invalid' });
    expect(await verifyCheckinToken(`${SECRET}x`, ACTIVITY, issued.token, at(T + 1), settings)).toEqual({ valid: false, reason: 'invalid' });
    const [header, payload, signature] = issued.token.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), exp: T + 99999 })).toString('base64url');
    expect(await verifyCheckinToken(SECRET, ACTIVITY, `${header}.${tampered}.${signature}`, at(T + 1), settings)).toEqual({ valid: false, reason: 'invalid' });
    expect(await verifyCheckinToken(SECRET, ACTIVITY, 'eyJhbGciOiJub25lIn0.e30.', at(T + 1), settings)).toEqual({ valid: false, reason: 'invalid' });
  });

  it('refuses a genuine token for a window that has not begun (a clock cannot be run ahead)', async () => {
    const future = await issueCheckinToken(SECRET, ACTIVITY, at(T + 120), settings);
    expect(await verifyCheckinToken(SECRET, ACTIVITY, future.token, at(T), settings)).toEqual({ valid: false, reason: 'invalid' });
    expect(await verifyCheckinToken(SECRET, ACTIVITY, future.code, at(T), settings)).toEqual({ valid: false, reason: 'invalid' });
  });

  it('never opens another capability\'s check-in: a token and code of one purpose are invalid for another', async () => {
    const meetings = { ...settings, purpose: 'org-life-checkin' };
    const issued = await issueCheckinToken(SECRET, ACTIVITY, at(T), settings);
    expect(await verifyCheckinToken(SECRET, ACTIVITY, issued.token, at(T + 1), meetings)).toEqual({ valid: false, reason: 'invalid' });
    expect(await verifyCheckinToken(SECRET, ACTIVITY, issued.code, at(T + 1), meetings)).toEqual({ valid: false, reason: 'invalid' });
    expect(await verifyCheckinToken(SECRET, ACTIVITY, issued.token, at(T + 1), settings)).toMatchObject({ valid: true });
  });

  it('keeps the QR small: a short token of the three JWT parts', async () => {
    const { token } = await issueCheckinToken(SECRET, ACTIVITY, at(T), settings);
    expect(token.split('.')).toHaveLength(3);
    expect(token.length).toBeLessThan(200);
  });

  it('gives six digits that differ between windows and activities', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (window) => {
        expect(checkinCode(SECRET, ACTIVITY, window, settings)).toMatch(/^\d{6}$/);
      }),
    );
    const codes = new Set(Array.from({ length: 200 }, (_, window) => checkinCode(SECRET, ACTIVITY, window, settings)));
    expect(codes.size).toBeGreaterThan(195);
    expect(checkinCode(SECRET, ACTIVITY, 7, settings)).not.toBe(checkinCode(SECRET, 'ffffffffffffffffffff', 7, settings));
  });

  it('cuts time into windows and expires each one a grace after it ends', () => {
    expect(rotationWindow(at(T + 29.9), settings)).toBe(rotationWindow(at(T), settings));
    expect(rotationWindow(at(T + 30), settings)).toBe(rotationWindow(at(T), settings) + 1);
    expect(windowExpiry(rotationWindow(at(T), settings), settings)).toBe(T + 45);
  });
});
