import type { MyToggles, Session } from '../../shared/api';

jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });
jest.mock('@tarojs/taro', () => jest.requireActual('../support/fake-phone').fakeTaro(), { virtual: true });
import { phone } from '../support/fake-phone';
const { storage, request } = phone;

import { cachedToggles, refreshToggles } from '../../miniapp/src/services/toggles';

const session: Session = {
  token: 'token-of-the-ranger',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  member: { userId: 'demo-ranger', name: '王护林', branchId: 'songling-fire', category: 'ranger', postTags: [], roles: ['member'], updatedAt: '2026-11-01T00:00:00.000Z' },
};
const answer = (version: string, dues: boolean): MyToggles => ({ features: { dues, suggestions: true }, home: { order: ['suggestions', 'dues'], more: [] }, version });
const reply = (statusCode: number, data: unknown) => ({ statusCode, data, header: { Date: new Date().toUTCString() } });
const sentHeaders = (): Record<string, string> => (request.mock.calls.at(-1)![0] as { header: Record<string, string> }).header;

describe('refreshing the toggles on a weak signal', () => {
  beforeEach(() => {
    storage.clear();
    storage.set('fpp.session', session);
    request.mockReset();
  });

  it('downloads them once, then only asks whether the copy on the phone is still current', async () => {
    request.mockResolvedValueOnce(reply(200, answer('v1', true)));
    expect(await refreshToggles()).toEqual(answer('v1', true));
    expect(sentHeaders()).not.toHaveProperty('If-None-Match');

    // Nothing changed: the server answers 304 with no body and the app keeps showing its copy.
    request.mockResolvedValueOnce(reply(304, null));
    expect(await refreshToggles()).toEqual(answer('v1', true));
    expect(sentHeaders()['If-None-Match']).toBe('"v1"');
    expect(cachedToggles('demo-ranger')).toEqual(answer('v1', true));
  });

  it('takes the new answer when an admin changed something', async () => {
    request.mockResolvedValueOnce(reply(200, answer('v1', true)));
    await refreshToggles();
    request.mockResolvedValueOnce(reply(200, answer('v2', false)));
    expect((await refreshToggles()).features.dues).toBe(false);
    expect(sentHeaders()['If-None-Match']).toBe('"v1"');
    expect(cachedToggles('demo-ranger')?.version).toBe('v2');
  });

  it('asks once when the page mounts and shows at the same moment', async () => {
    request.mockResolvedValue(reply(200, answer('v1', true)));
    const [onMount, onShow] = await Promise.all([refreshToggles(), refreshToggles()]);
    expect(onMount).toEqual(onShow);
    expect(request).toHaveBeenCalledTimes(1);
    // Once it has answered, the next show asks again.
    await refreshToggles();
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('never sends another member’s copy', async () => {
    request.mockResolvedValueOnce(reply(200, answer('v1', true)));
    await refreshToggles();
    storage.set('fpp.session', { ...session, member: { ...session.member, userId: 'demo-office', category: 'office' } });
    request.mockResolvedValueOnce(reply(200, answer('v9', true)));
    await refreshToggles();
    expect(sentHeaders()).not.toHaveProperty('If-None-Match');
  });
});
