import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMClient } from '@aws-sdk/client-ssm';

export interface FakeSsm {
  endpoint: string;
  /** Parameters by name: SecureString values as SSM would decrypt them. Tests add, change and delete. */
  parameters: Map<string, string>;
  /** Each GetParameters request: the names asked for and whether decryption was asked. */
  requests: Array<{ names: string[]; withDecryption: boolean }>;
  /** An SSM client of the real SDK pointed at this server. */
  client(): SSMClient;
  close(): Promise<void>;
}

/**
 * A small stand-in for SSM Parameter Store on loopback, speaking its JSON protocol (`X-Amz-Target:
 * AmazonSSM.GetParameters`, `application/x-amz-json-1.1`) as the real SDK client sends it. It refuses to hand
 * out a SecureString undecrypted, as SSM hands out only ciphertext then.
 */
export async function startFakeSsm(region = 'cn-north-1'): Promise<FakeSsm> {
  const parameters = new Map<string, string>();
  const requests: FakeSsm['requests'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(body));
      };
      if (request.headers['x-amz-target'] !== 'AmazonSSM.GetParameters') {
        return reply(400, { __type: 'UnknownOperationException', message: `not served here: ${String(request.headers['x-amz-target'])}` });
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Names: string[]; WithDecryption?: boolean };
      requests.push({ names: body.Names, withDecryption: body.WithDecryption === true });
      if (body.Names.length > 10) return reply(400, { __type: 'ValidationException', message: 'at most 10 names' });
      const found = body.Names.filter((name) => parameters.has(name));
      return reply(200, {
        Parameters: found.map((name) => ({
          Name: name,
          Type: 'SecureString',
          Value: body.WithDecryption ? parameters.get(name) : `AQICAH-ciphertext-of-${name}`,
          Version: 1,
          ARN: `arn:aws-cn:ssm:${region}:123456789012:parameter${name}`,
          DataType: 'text',
        })),
        InvalidParameters: body.Names.filter((name) => !parameters.has(name)),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    parameters,
    requests,
    client: () => new SSMClient({ endpoint, region, credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' }, maxAttempts: 1 }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
