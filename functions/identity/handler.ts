import { identityApi as api } from '../../shared/api/identity';
import { config } from '../../shared/runtime/config';
import { httpApi, route } from '../../shared/runtime/http';
import { WecomClient } from '../../shared/runtime/wecom';
import { devLogin, listDevAccounts, wecomLogin } from './login';
import { listMembersFor, memberDetailFor, updateMemberFor } from './member-admin';
import { organisationTree, profileOf } from './profile';
import { importRoster } from './roster-import';

let wecom: WecomClient | undefined;
// One client per Lambda copy, so its cached access token serves every invocation of that copy.
const wecomClient = () => (wecom ??= WecomClient.fromConfig());

export const handler = httpApi([
  route(api.health, async () => ({ status: 'ok' as const, stage: config().STAGE, time: new Date().toISOString() })),
  route(api.wecomLogin, async ({ body }) => wecomLogin(body.code, wecomClient())),
  route(api.devAccounts, async () => ({ accounts: await listDevAccounts() })),
  route(api.devLogin, async ({ body }) => devLogin(body.userId)),
  route(api.me, async ({ caller }) => profileOf(caller)),
  route(api.orgTree, async () => ({ root: await organisationTree() })),
  route(api.listMembers, async ({ caller, query }) => listMembersFor(caller, query)),
  route(api.getMember, async ({ caller, params }) => memberDetailFor(caller, params.userId!)),
  route(api.updateMember, async ({ caller, params, body }) => ({ member: await updateMemberFor(caller, params.userId!, body) })),
  route(api.importRoster, async ({ body }) => importRoster(body)),
]);
