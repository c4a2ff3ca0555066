import { assistantApi } from './assistant';
import { assessmentApi } from './assessment';
import type { Endpoint } from './contract';
import { coursesApi } from './courses';
import { duesApi } from './dues';
import { feedbackApi } from './feedback';
import { identityApi } from './identity';
import { noticesApi } from './notices';
import { orgLifeApi } from './org-life';
import { membershipApi } from './membership';
import { signupApi } from './signup';
import { suggestionsApi } from './suggestions';

/** Every endpoint of the API, read by serverless.ts to declare the gateway routes. */
export const ALL_ENDPOINTS: Endpoint[] = [identityApi, suggestionsApi, duesApi, signupApi, feedbackApi, coursesApi, noticesApi, assistantApi, orgLifeApi, assessmentApi, membershipApi].flatMap(
  (group) => Object.values(group) as Endpoint[],
);
