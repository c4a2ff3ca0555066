import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { Member } from '@shared/api';
import { ROUTES } from '../routes';
import { currentMember } from '../services/session';

/** The signed-in member; without a session the page hands over to login. */
export function useRequiredMember(): Member | null {
  const [member] = useState<Member | null>(() => currentMember());
  useEffect(() => {
    if (!member) void Taro.reLaunch({ url: ROUTES.login });
  }, [member]);
  return member;
}
