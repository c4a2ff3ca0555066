import type { AWS } from '@serverless/typescript';
import { COMMON_SECRETS, SECRET_SETTINGS, isSecretName, secretParameterName } from '../../shared/runtime/secrets';
import { DEPLOYED_SECRETS } from '../support/deployed-stage';

/** serverless.ts as `sls package --stage <stage>` evaluates it, with the given deploying environment. */
function templateFor(stage: string, env: Record<string, string>): AWS {
  const saved = { ...process.env };
  Object.assign(process.env, env, { SLS_STAGE: stage });
  let config: AWS | undefined;
  try {
    jest.isolateModules(() => {
      config = require('../../serverless') as AWS;
    });
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
  return config!;
}

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
const statementsOf = (config: AWS, role: string): Statement[] =>
  (config.resources?.Resources?.[role] as unknown as { Properties: { Policies: Array<{ PolicyDocument: { Statement: Statement[] } }> } }).Properties.Policies[0]!
    .PolicyDocument.Statement;

describe('secrets in the template of a deployed stage', () => {
  // The deploying machine has every secret in its environment, as an operator's shell might.
  const deployed = templateFor('prod', { ...DEPLOYED_SECRETS });
  const functions = Object.entries(deployed.functions ?? {});

  it('carries no secret value, and no secret-named variable in any environment', () => {
    const text = JSON.stringify(deployed);
    for (const [name, value] of Object.entries(DEPLOYED_SECRETS)) expect({ name, found: text.includes(value) }).toEqual({ name, found: false });
    const variables = [deployed.provider.environment ?? {}, ...functions.map(([, fn]) => fn.environment ?? {})].flatMap((env) => Object.keys(env));
    expect(variables.filter(isSecretName)).toEqual([]);
  });

  it('names each function the secrets it holds, and lets its role read exactly those parameters, partition-neutral', () => {
    const held = Object.fromEntries(functions.map(([name, fn]) => [name, String((fn.environment as Record<string, unknown>).SECRETS).split(',')]));
    expect(held.identity).toEqual([...COMMON_SECRETS]);
    expect(held.dues).toEqual(expect.arrayContaining(['WECHATPAY_MERCHANT_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_PLATFORM_KEYS']));
    expect(held.suggestionBox).toEqual(expect.arrayContaining(['SUGGESTION_AUTHOR_KEY']));
    expect(held.identity).not.toContain('WECHATPAY_MERCHANT_PRIVATE_KEY');
    for (const [name, fn] of functions) {
      const statements = statementsOf(deployed, fn.role as string);
      const ssm = statements.filter((s) => [s.Action].flat().some((action) => action.startsWith('ssm:')));
      expect(ssm).toHaveLength(1);
      expect([ssm[0]!.Action].flat().sort()).toEqual(['ssm:GetParameter', 'ssm:GetParameters']);
      const arns = (ssm[0]!.Resource as Array<{ 'Fn::Sub': string }>).map((resource) => resource['Fn::Sub']);
      expect(arns).toEqual(held[name]!.map((secret) => `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${secretParameterName('prod', secret as never)}`));
      const kms = statements.find((s) => s.Action === 'kms:Decrypt');
      expect(kms?.Condition).toEqual({ StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.${AWS::URLSuffix}' } } });
    }
    expect(JSON.stringify(deployed.resources)).not.toMatch(/arn:aws(-cn)?:/);
  });

  it('puts every secret of a stage under that stage\'s own prefix', () => {
    for (const secret of SECRET_SETTINGS) expect(secretParameterName('prod', secret)).toMatch(/^\/party-platform\/prod\/[a-z0-9-]+$/);
    const staging = templateFor('staging', {});
    expect(JSON.stringify(staging.resources)).toContain(':parameter/party-platform/staging/jwt-secret');
    expect(JSON.stringify(staging.resources)).not.toContain('/party-platform/prod/');
  });
});
