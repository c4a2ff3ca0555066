// Relative, not @shared/api: the unit tests load this module outside the app's bundler.
import { ROLE_LABELS, type Member } from '../../../../shared/api/identity-model';

/** The line under a person's name: branch and roles beyond 党员, so two 王建国 can be told apart. */
export function personDetail(person: Member, branchName: string): string {
  const roles = person.roles.filter((role) => role !== 'member').map((role) => ROLE_LABELS[role]);
  return [branchName, ...roles].filter((part) => part !== '').join(' · ');
}
