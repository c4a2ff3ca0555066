import { identityApi, type Me } from '@shared/api';
import { call } from '../services/api';
import { useAsync, type AsyncState } from './use-async';

export function useMe(enabled: boolean): AsyncState<Me> {
  return useAsync(() => call(identityApi.me), enabled);
}
