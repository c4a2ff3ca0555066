jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });

import { isOutboxRequest, KIND_LABELS, requestIdOf } from '../../miniapp/src/services/outbox/requests';

describe('meeting check-in and 请假 waiting on the phone', () => {
  const checkin = { kind: 'meeting-checkin', meetingId: 'a1b2c3d4e5f6a7b8c9d0e1f2', body: { token: '123456', clientRequestId: 'mci-0001-abcdefgh', scannedAt: '2026-12-05T01:00:00.000Z' } };
  const leave = { kind: 'meeting-leave', meetingId: 'a1b2c3d4e5f6a7b8c9d0e1f2', body: { reason: '在望火楼值守', clientRequestId: 'mlv-0001-abcdefgh' } };

  it('keeps a check-in with the moment it was scanned, and a leave request with its reason', () => {
    expect(isOutboxRequest(checkin)).toBe(true);
    expect(isOutboxRequest(leave)).toBe(true);
    expect(requestIdOf(leave as Parameters<typeof requestIdOf>[0])).toBe('mlv-0001-abcdefgh');
    expect([KIND_LABELS['meeting-checkin'], KIND_LABELS['meeting-leave']]).toEqual(['会议签到', '会议请假']);
  });

  it('drops what storage mangled: no meeting, no reason, no request id', () => {
    expect(isOutboxRequest({ ...checkin, meetingId: '' })).toBe(false);
    expect(isOutboxRequest({ ...leave, body: { reason: '', clientRequestId: 'mlv-0001-abcdefgh' } })).toBe(false);
    expect(isOutboxRequest({ ...checkin, body: { token: '123456' } })).toBe(false);
  });
});
