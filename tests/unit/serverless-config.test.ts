import type { AWS } from '@serverless/typescript';

function loadConfig(stage: string): AWS {
  process.env.SLS_STAGE = stage;
  let config: AWS | undefined;
  jest.isolateModules(() => {
    config = require('../../serverless') as AWS;
  });
  delete process.env.SLS_STAGE;
  return config!;
}

const routesOf = (config: AWS, fn: string) =>
  (config.functions?.[fn]?.events ?? []).flatMap((event) => {
    const httpApi = (event as { httpApi?: { method: string; path: string } }).httpApi;
    return httpApi ? [`${httpApi.method} ${httpApi.path}`] : [];
  });

type Statement = { Effect: string; Action: string[] | string };
const statementsOf = (config: AWS, role: string): Statement[] =>
  (config.resources?.Resources?.[role] as unknown as { Properties: { Policies: Array<{ PolicyDocument: { Statement: Statement[] } }> } }).Properties.Policies[0]!.PolicyDocument.Statement;

describe('serverless.ts', () => {
  const deployed = loadConfig('prod');

  it('declares one function per capability, each with its own least-privilege role', () => {
    expect(Object.keys(deployed.functions ?? {}).sort()).toEqual(['assessment', 'assistant', 'coursePush', 'dues', 'feedback', 'identity', 'membership', 'orgLife', 'signup', 'suggestionBox']);
    const identityActions = statementsOf(deployed, 'IdentityRole')
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => s.Action);
    expect(identityActions).not.toContain('dynamodb:*');
    expect(identityActions).not.toContain('dynamodb:Scan');
    expect(identityActions).not.toContain('dynamodb:DeleteItem');
    for (const fn of Object.keys(deployed.functions ?? {})) {
      const role = deployed.functions?.[fn]?.role as string;
      expect(statementsOf(deployed, role).flatMap((s) => s.Action)).not.toContain('dynamodb:*');
    }
  });

  it('has the gateway answer CORS for the configured H5 origins only, exposing Date for clock correction', () => {
    process.env.CORS_ORIGINS = 'https://dangjian.example.cn';
    const cors = (loadConfig('prod').provider.httpApi as { cors: Record<string, unknown> }).cors;
    delete process.env.CORS_ORIGINS;
    expect(cors.allowedOrigins).toEqual(['https://dangjian.example.cn']);
    // If-None-Match: the app revalidates its copy of the toggles instead of downloading them again.
    expect(cors.allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'if-none-match']));
    expect(cors.exposedResponseHeaders).toEqual(['date']);
  });

  it('routes the contract under /api/v1 and never deploys demo sign-in outside the local stage', () => {
    const identityRoutes = routesOf(deployed, 'identity');
    expect(identityRoutes).toEqual(expect.arrayContaining(['POST /api/v1/auth/wecom-login', 'GET /api/v1/me', 'POST /api/v1/members/import']));
    expect(identityRoutes.some((route) => route.includes('/auth/dev-'))).toBe(false);
    expect(routesOf(loadConfig('local'), 'identity')).toEqual(expect.arrayContaining(['GET /api/v1/auth/dev-accounts', 'POST /api/v1/auth/dev-login']));
    for (const fn of Object.keys(deployed.functions ?? {})) {
      expect(routesOf(deployed, fn).every((route) => route.split(' ')[1]!.startsWith('/api/v1/'))).toBe(true);
    }
  });

  it('keeps the table safe: point-in-time recovery, encryption, TTL, streams, generic indexes', () => {
    const table = deployed.resources?.Resources?.PartyTable as unknown as { Properties: Record<string, unknown> & { GlobalSecondaryIndexes: unknown[] } };
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    // CloudFormation's StreamSpecification takes only the view type (StreamEnabled fails the deploy: cfn-lint E3002).
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(table.Properties.GlobalSecondaryIndexes.length).toBeGreaterThanOrEqual(2);
  });

  it('bundles each function on its own for the nodejs22.x runtime', () => {
    expect(deployed.package?.individually).toBe(true);
    expect(deployed.provider.runtime).toBe('nodejs22.x');
    expect(deployed.plugins).toEqual(expect.arrayContaining(['serverless-esbuild']));
  });
});
