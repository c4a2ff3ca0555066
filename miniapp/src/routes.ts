import type { CapabilityKey } from '@shared/api';

/** Page URLs, one place: pages navigate with these, app.config lists them. */
export const ROUTES = {
  login: '/pages/login/index',
  home: '/pages/index/index',
  me: '/pages/me/index',
  placeholder: '/pages/placeholder/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

/** app.config wants page paths without the leading slash. */
export function toPagePath(route: Route): string {
  return route.slice(1);
}

export function withQuery(route: Route, query: Record<string, string>): string {
  const pairs = Object.keys(query).map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(query[key])}`);
  return pairs.length > 0 ? `${route}?${pairs.join('&')}` : route;
}

/**
 * Where each home entry leads. A capability that has not landed yet shows the placeholder page;
 * when it lands, its line points at its own first page (in its sub-package).
 */
export const CAPABILITY_ENTRY: Record<CapabilityKey, string> = {
  suggestions: withQuery(ROUTES.placeholder, { key: 'suggestions' }),
  dues: withQuery(ROUTES.placeholder, { key: 'dues' }),
  signup: withQuery(ROUTES.placeholder, { key: 'signup' }),
  feedback: withQuery(ROUTES.placeholder, { key: 'feedback' }),
  courses: withQuery(ROUTES.placeholder, { key: 'courses' }),
};
