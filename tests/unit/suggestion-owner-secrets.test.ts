import { randomBytes } from 'node:crypto';

jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });
jest.mock('@tarojs/taro', () => jest.requireActual('../support/fake-phone').fakeTaro(), { virtual: true });
import { phone } from '../support/fake-phone';
const { storage } = phone;

import { OWNER_SECRET_PATTERN } from '../../shared/api/suggestions';
import { isOutboxRequest } from '../../miniapp/src/services/outbox/requests';
import { base64url, keepSecret, newOwnerSecret, ownedSuggestions, recordIds, secretOf } from '../../miniapp/src/suggestions/services/owner-secrets';

describe('the secrets of my anonymous suggestions, on the phone', () => {
  beforeEach(() => storage.clear());

  it('are 32 random bytes in base64url, as the contract takes them, and never repeat', async () => {
    for (const length of [1, 2, 3, 31, 32]) {
      const bytes = randomBytes(length);
      expect(base64url(new Uint8Array(bytes))).toBe(bytes.toString('base64url'));
    }
    const secrets = await Promise.all([newOwnerSecret(), newOwnerSecret()]);
    for (const secret of secrets) expect(secret).toMatch(OWNER_SECRET_PATTERN);
    expect(secrets[0]).not.toBe(secrets[1]);
  });

  it('are kept per member before sending, learn their suggestion’s id later, and ignore damaged storage', async () => {
    const secret = await newOwnerSecret();
    keepSecret('m0001', secret);
    keepSecret('m0001', secret);
    expect(ownedSuggestions('m0001')).toEqual([{ secret }]);
    expect(ownedSuggestions('m0002')).toEqual([]);
    recordIds('m0001', [{ secret, id: 'sugg-1' }]);
    expect(secretOf('m0001', 'sugg-1')).toBe(secret);
    expect(secretOf('m0002', 'sugg-1')).toBeUndefined();
    storage.set('fpp.sugg.owned.m0001', [...(storage.get('fpp.sugg.owned.m0001') as unknown[]), { secret: 'bad' }, 'junk', null]);
    expect(ownedSuggestions('m0001')).toEqual([{ secret, id: 'sugg-1' }]);
  });
});

describe('an anonymous suggestion waiting on the phone', () => {
  const body = { title: '值班', content: '值班安排希望更公平。', category: 'work', anonymous: true, clientRequestId: 'queued-0001' };

  it('is sent with its secret, and one an older app queued without a secret is still sent (to be refused visibly, not dropped)', async () => {
    expect(isOutboxRequest({ kind: 'suggestion', body: { ...body, ownerSecret: await newOwnerSecret() } })).toBe(true);
    expect(isOutboxRequest({ kind: 'suggestion', body })).toBe(true);
    expect(isOutboxRequest({ kind: 'suggestion', body: { ...body, ownerSecret: 'short' } })).toBe(false);
  });
});
