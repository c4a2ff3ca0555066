import { signupApi, type ActivityAttendance } from '@shared/api';
import { useAsync } from '../../hooks/use-async';
import { call } from '../../services/api';
import { saveCsv } from '../../services/save-csv';
import { useAction } from './use-action';

/** An activity's attendance for its organiser: the roster, marking by hand, and the CSV export. */
export function useAttendance(id: string, enabled: boolean) {
  const attendance = useAsync<ActivityAttendance>(() => call(signupApi.attendance, { params: { id } }), enabled && id !== '');
  const action = useAction(attendance.reload);

  const mark = (userId: string, name: string, attended: boolean) =>
    action.run(async () => {
      await call(signupApi.markAttendance, { params: { id, userId }, body: { attended } });
      return attended ? `已登记 ${name} 出勤` : `已撤销 ${name} 的出勤登记`;
    });

  const exportCsv = () => action.run(async () => saveCsv(await call(signupApi.attendanceCsv, { params: { id } })));

  return { ...attendance, action, mark, exportCsv };
}
