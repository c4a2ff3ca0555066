import { useState } from 'react';
import { duesApi, type Member } from '@shared/api';
import { call } from '../../services/api';
import { isFinance, shanghaiNow } from './staff';
import { useKeyedAsync } from './use-keyed';

/** The branch a staff page works on (a secretary's own; finance may switch), and its members with their bases. */
export function useBranchRoster(member: Member | null) {
  const [branchId, setBranchId] = useState(member?.branchId ?? '');
  const year = shanghaiNow().year;
  const roster = useKeyedAsync(branchId, () => call(duesApi.listBases, { query: { branchId, year } }), member !== null && branchId !== '');
  const people = [...(roster.data?.bases ?? []), ...(roster.data?.missing ?? [])]
    .map((person) => ({ value: person.userId, label: person.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  return { branchId, setBranchId, canSwitch: isFinance(member), roster, people, year };
}
