import type { Role } from '../../shared/api/identity-model';
import { allMemberPages } from './store';

/** The members holding any of the roles (whom dues notices go to: finance, admins). */
export async function membersWithRoles(roles: Role[]): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of allMemberPages()) {
    for (const member of page) if (member.roles.some((role) => roles.includes(role))) ids.push(member.userId);
  }
  return ids;
}
