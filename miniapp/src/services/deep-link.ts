import Taro from '@tarojs/taro';
import { courseIdSchema } from '@shared/api';
import { COURSE_ROUTES, ROUTES, withQuery } from '../routes';

/**
 * Links that open the app somewhere other than home: a WeCom push ("本周学习推荐" opens the course it
 * names), a shared activity card, or any page reached without a session (the member signs in first and
 * then lands where the link pointed).
 */

/** Taro's own bookkeeping parameters, not part of a page's address. */
const INTERNAL_PARAMS = new Set(['$taroTimestamp', 'stamp', '__key_']);

/** Where to go after signing in: only a page of this app (no other scheme, host or protocol-relative link). */
export function safeNext(next: string | undefined): string | null {
  if (!next) return null;
  const url = decodeURIComponent(next);
  if (!/^\/(?:[a-z-]+\/)?pages\/[a-z-]+\/[a-z-]+(\?[^#]*)?$/.test(url)) return null;
  return url.startsWith(ROUTES.login) ? null : url;
}

/** The page the member is on, with its query (for coming back after signing in). */
export function currentPageUrl(): string | null {
  const router = Taro.getCurrentInstance().router;
  if (!router?.path) return null;
  const path = router.path.split('?')[0] ?? '';
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(router.params ?? {})) if (!INTERNAL_PARAMS.has(key) && typeof value === 'string') params[key] = value;
  return withQuery(path.startsWith('/') ? path : `/${path}`, params);
}

/** The login page, remembering where the member was headed. */
export function loginUrl(next: string | null = currentPageUrl()): string {
  const target = safeNext(next ?? undefined);
  return target && target !== ROUTES.home ? withQuery(ROUTES.login, { next: target }) : ROUTES.login;
}

/** A weekly push names the course it leads with: it opens on that course's page. */
export function pushedCourseUrl(params: Partial<Record<string, string>>): string | null {
  if (params.from !== 'push' || !params.course) return null;
  return courseIdSchema.safeParse(params.course).success ? withQuery(COURSE_ROUTES.detail, { id: params.course }) : null;
}
