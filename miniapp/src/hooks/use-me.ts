import { identityApi, type Me } from '@shared/api';
import { useCachedCall, type CachedState } from './use-cached';

/** The member's profile, kept on the phone: the "我的" page opens without a network too. */
export function useMe(enabled: boolean): CachedState<Me> {
  return useCachedCall(identityApi.me, 'me', {}, enabled);
}
