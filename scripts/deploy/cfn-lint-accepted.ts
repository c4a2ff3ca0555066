/**
 * The only cfn-lint findings `npm run lint:template` accepts, each with why it is harmless. Every one is
 * matched by rule, resource and message, so the same rule firing anywhere else still fails the lint.
 * Errors are never accepted.
 */
export interface AcceptedFinding {
  rule: string;
  /** Logical id of the resource the finding is about. */
  resource: RegExp;
  message: RegExp;
  reason: string;
}

export const ACCEPTED_FINDINGS: readonly AcceptedFinding[] = [
  {
    rule: 'W3005',
    resource: /^[A-Za-z0-9]+LambdaFunction$/,
    message: /^'[A-Za-z0-9]+Role' dependency already enforced by a 'GetAtt' at 'Resources\/[A-Za-z0-9]+LambdaFunction\/Properties\/Role'$/,
    reason:
      'Serverless adds DependsOn the custom role to each function it generates; the role is also referenced by GetAtt. A redundant ordering hint, no effect on the deployment.',
  },
  {
    rule: 'W3005',
    resource: /^HttpApiRoute[A-Za-z0-9]+$/,
    message: /^'HttpApiIntegration[A-Za-z0-9]+' dependency already enforced by a 'Ref' at 'Resources\/HttpApiRoute[A-Za-z0-9]+\/Properties\/Target\/Fn::Join\/1\/1'$/,
    reason: 'Serverless makes each HTTP API route DependsOn the integration its Target already references. Redundant, harmless.',
  },
  {
    rule: 'W3005',
    resource: /^HttpApiStage$/,
    message: /^'HttpApiLogGroup' dependency already enforced by a 'GetAtt' at 'Resources\/HttpApiStage\/Properties\/AccessLogSettings\/DestinationArn'$/,
    reason: 'Serverless makes the API stage DependsOn the access-log group its AccessLogSettings already reference. Redundant, harmless.',
  },
];
