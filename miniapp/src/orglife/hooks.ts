import { orgLifeApi } from '@shared/api';
import { useRotatingToken } from '../hooks/use-rotating-token';
import { call } from '../services/api';

/** The secretary's current check-in code for a meeting, fetched again when it rotates (the shared rotation). */
export function useMeetingCode(id: string, enabled: boolean) {
  return useRotatingToken(id, enabled, (meetingId) => call(orgLifeApi.checkinToken, { params: { id: meetingId } }));
}
