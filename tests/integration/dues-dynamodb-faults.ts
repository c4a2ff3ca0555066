import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { resetConfigForTests } from '../../shared/runtime/config';
import { resetDbForTests } from '../../shared/runtime/db';

/**
 * A loopback proxy in front of DynamoDB Local that answers chosen requests with an error of DynamoDB's own
 * wire form instead of forwarding them: a write that fails, or the TransactionConflict real DynamoDB reports
 * under contention (DynamoDB Local mostly serialises instead). Everything else reaches the real database.
 */
export interface DynamoRequest {
  /** The operation, e.g. `PutItem`, `TransactWriteItems`. */
  operation: string;
  /** The request's JSON text (item keys, conditions). */
  body: string;
}

export interface DynamoError {
  status: number;
  type: string;
  message: string;
  /** For TransactionCanceledException: one code per action. */
  cancellationReasons?: string[];
}

export type FaultRule = (request: DynamoRequest) => DynamoError | undefined;

export const conflictOnTransaction = (actions: number): DynamoError => ({
  status: 400,
  type: 'TransactionCanceledException',
  message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
  cancellationReasons: Array.from({ length: actions }, (_, index) => (index === 0 ? 'TransactionConflict' : 'None')),
});
export const conflictOnItem: DynamoError = { status: 400, type: 'TransactionConflictException', message: 'Transaction is ongoing for the item' };
export const serverError: DynamoError = { status: 500, type: 'InternalServerError', message: 'Internal server error' };

export interface DynamoFaults {
  /** Requests answered with an injected error so far. */
  injected: number;
  inject(rule: FaultRule | undefined): void;
  close(): Promise<void>;
}

const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding', 'keep-alive']);
function forwardable(headers: IncomingHttpHeaders | Headers): Record<string, string> {
  const pairs: Array<[string, unknown]> = [];
  if (headers instanceof Headers) headers.forEach((value, name) => pairs.push([name, value]));
  else pairs.push(...Object.entries(headers));
  return Object.fromEntries(pairs.filter(([name, value]) => !HOP_HEADERS.has(name.toLowerCase()) && value !== undefined).map(([name, value]) => [name, String(value)]));
}

/** Starts the proxy and points the functions' DynamoDB client at it, until close(). */
export async function useDynamoFaults(): Promise<DynamoFaults> {
  const upstream = process.env.DYNAMODB_ENDPOINT!;
  let rule: FaultRule | undefined;
  const state = { injected: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const operation = String(request.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const fault = rule?.({ operation, body });
      if (fault) {
        state.injected += 1;
        response.writeHead(fault.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `fault-${state.injected}` });
        const reasons = fault.cancellationReasons?.map((code) => ({ Code: code, ...(code === 'None' ? {} : { Message: fault.message }) }));
        response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${fault.type}`, message: fault.message, ...(reasons ? { CancellationReasons: reasons } : {}) }));
        return;
      }
      try {
        const answer = await fetch(`${upstream}${request.url ?? '/'}`, { method: request.method, headers: forwardable(request.headers), body: chunks.length > 0 ? body : undefined });
        const text = await answer.text();
        response.writeHead(answer.status, forwardable(answer.headers));
        response.end(text);
      } catch (error) {
        response.writeHead(502);
        response.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const point = (endpoint: string) => {
    process.env.DYNAMODB_ENDPOINT = endpoint;
    resetConfigForTests();
    resetDbForTests();
  };
  point(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  return {
    get injected() {
      return state.injected;
    },
    inject: (next) => {
      rule = next;
    },
    close: async () => {
      point(upstream);
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
