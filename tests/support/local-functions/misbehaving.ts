import { threadId } from 'node:worker_threads';

/**
 * A function for the local runtime's own tests: it answers which copy (thread) ran it, and on request sleeps
 * past its timeout, throws, or dies of an uncaught exception — what a real handler may do under load.
 */
export interface MisbehavingEvent {
  sleepMs?: number;
  fail?: boolean;
  crash?: boolean;
}

export async function handler(event: MisbehavingEvent): Promise<{ statusCode: number; body: string }> {
  if (event.crash) {
    setTimeout(() => {
      throw new Error('uncaught in the copy');
    }, 0);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  if (event.fail) throw new Error('the handler failed');
  return { statusCode: 200, body: JSON.stringify({ copy: threadId }) };
}
