import { useCallback, useEffect, useRef, useState } from 'react';
import { duesApi, type JobRunView } from '@shared/api';
import { call, messageOf } from '../../services/api';

/** How often a running job's progress is read: enough to see it move, little enough for a weak network. */
const POLL_MS = 2_000;

export interface JobRunState {
  run: JobRunView | null;
  error: string | null;
  /** Follow a run the server has just started, until it has finished. */
  follow: (run: JobRunView) => void;
}

/**
 * A background job started from this page (bills, the group report): its progress is read every two seconds
 * until it has finished, then `finished` is called once. Leaving the page stops the reading, not the job.
 */
export function useJobRun(finished: (run: JobRunView) => void): JobRunState {
  const [run, setRun] = useState<JobRunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const follow = useCallback(
    (started: JobRunView) => {
      clearTimeout(timer.current);
      setError(null);
      setRun(started);
      const check = (current: JobRunView) => {
        if (current.status !== 'running') {
          finished(current);
          return;
        }
        timer.current = setTimeout(() => {
          call(duesApi.duesRun, { params: { runId: current.runId } }).then(
            (next) => {
              setRun(next);
              check(next);
            },
            (reason: unknown) => setError(messageOf(reason)),
          );
        }, POLL_MS);
      };
      check(started);
    },
    [finished],
  );
  return { run, error, follow };
}

/** `已完成 3/12 组` while running; what a person reads about the job's state. */
export function runProgressText(run: JobRunView): string {
  const settled = run.done + run.failed;
  if (run.status === 'running') return `后台处理中：已完成 ${settled}/${run.total} 组支部`;
  if (run.status === 'finished-with-failures') return `已完成，但有 ${run.failed} 组支部处理失败，系统已告警，请稍后重试`;
  return '已完成';
}
