import type { EarlyWarningAlert } from '../../shared/api/suggestions';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { alertView } from './early-warning';
import { acknowledgeAlert, listAlerts, orgUnitNames, type Page } from './store';

export async function alertList(query: { limit?: number; cursor?: string }): Promise<Page<EarlyWarningAlert>> {
  const [page, names] = await Promise.all([listAlerts(query.limit ?? 20, query.cursor), orgUnitNames()]);
  return { items: page.items.map((alert) => alertView(alert, names)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** Marks an alert as seen by an admin or reviewer; the first acknowledgement is kept. */
export async function acknowledge(caller: Caller, id: string, now = new Date()): Promise<EarlyWarningAlert> {
  const alert = await acknowledgeAlert(id, { byId: caller.userId, byName: caller.name, at: now.toISOString() });
  if (!alert) throw new AppError(404, 'ALERT_NOT_FOUND');
  return alertView(alert, await orgUnitNames());
}
