import { useEffect, useRef, useState } from 'react';
import { signupApi, type BranchReport } from '@shared/api';
import { useAsync } from '../../hooks/use-async';
import { call } from '../../services/api';
import { saveCsv } from '../../services/save-csv';
import { beijingDay } from '../services/time';
import { useAction } from './use-action';

/** A branch's attendance over a period (by default the last 90 days), and its CSV export. */
export function useBranchReport(enabled: boolean) {
  const [period, setPeriod] = useState({ from: beijingDay(-90), to: beijingDay(0) });
  const [branchId, setBranchId] = useState<string | undefined>(undefined);
  const query = { ...period, ...(branchId ? { branchId } : {}) };
  const report = useAsync<BranchReport>(() => call(signupApi.branchReport, { query }), enabled);
  const mounted = useRef(false);
  const { reload } = report;
  useEffect(() => {
    // The first load is useAsync's own; later changes of the period or branch load again.
    if (mounted.current) reload();
    mounted.current = true;
  }, [period.from, period.to, branchId, reload]);
  const action = useAction();
  const exportCsv = () => action.run(async () => saveCsv(await call(signupApi.branchReportCsv, { query })));
  const change = (next: { from?: string; to?: string; branchId?: string }) => {
    if (next.from || next.to) setPeriod((current) => ({ ...current, ...(next.from ? { from: next.from } : {}), ...(next.to ? { to: next.to } : {}) }));
    if (next.branchId) setBranchId(next.branchId);
  };
  return { ...report, period, branchId, change, action, exportCsv };
}
