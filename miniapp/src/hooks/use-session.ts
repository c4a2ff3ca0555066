import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { Member } from '@shared/api';
import { loginUrl } from '../services/deep-link';
import { currentMember } from '../services/session';

/** The signed-in member; without a session the page hands over to login, which comes back here afterwards. */
export function useRequiredMember(): Member | null {
  const [member] = useState<Member | null>(() => currentMember());
  useEffect(() => {
    if (!member) void Taro.reLaunch({ url: loginUrl() });
  }, [member]);
  return member;
}
