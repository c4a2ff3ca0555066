import { resetConfigForTests } from '../../shared/runtime/config';
import { decodeCursor, encodeCursor, withCursorScope } from '../../shared/runtime/page-cursor';
import { AppError } from '../../shared/runtime/app-error';

const key = { pk: 'BRANCH#songling-office', sk: 'MEMBER#m0001', gsi1pk: 'BRANCH#songling-office', gsi1sk: 'MEMBER#m0001' };
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function refusalOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the cursor was accepted');
}

describe('signed paging cursors', () => {
  afterEach(() => {
    delete process.env.JWT_SECRET;
    resetConfigForTests();
  });

  it('gives back the key it handed out, and nothing for the first page', () => {
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    expect(encodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['an unsigned key, as the old cursors were', base64url({ a: 1 })],
    ['a forged key with a made-up signature', `${base64url(key)}.${Buffer.alloc(16).toString('base64url')}`],
    ['random text', 'not-a-cursor'],
    ['three parts', `${encodeCursor(key)}.x`],
  ])('refuses %s with 400 INVALID_CURSOR in Chinese', (_, cursor) => {
    const refusal = refusalOf(() => decodeCursor(cursor));
    expect(refusal.status).toBe(400);
    expect(refusal.code).toBe('INVALID_CURSOR');
    expect(refusal.message).toBe('翻页参数无效，请从第一页重新查看');
  });

  it('refuses a genuine cursor whose key was changed', () => {
    const [, signature] = encodeCursor(key)!.split('.');
    const tampered = `${base64url({ ...key, sk: 'MEMBER#m0002' })}.${signature}`;
    expect(refusalOf(() => decodeCursor(tampered)).code).toBe('INVALID_CURSOR');
  });

  it('refuses a genuine cursor on another list than the one that handed it out', async () => {
    const fromMembers = await withCursorScope('GET /api/v1/members', async () => encodeCursor(key));
    await expect(withCursorScope('GET /api/v1/members', async () => decodeCursor(fromMembers))).resolves.toEqual(key);
    await expect(withCursorScope('GET /api/v1/suggestions/mine', async () => decodeCursor(fromMembers))).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('refuses cursors signed under another secret, so a changed secret cannot be forged around', () => {
    process.env.JWT_SECRET = 'one-secret-that-is-long-enough-for-the-config-000';
    resetConfigForTests();
    const cursor = encodeCursor(key);
    process.env.JWT_SECRET = 'another-secret-that-is-long-enough-for-config-111';
    resetConfigForTests();
    expect(refusalOf(() => decodeCursor(cursor)).code).toBe('INVALID_CURSOR');
  });
});
