import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeKms {
  endpoint: string;
  /** Each call: the operation, the key named, and the encryption context sent. */
  requests: Array<{ operation: string; keyId?: string; context: Record<string, string> }>;
  close(): Promise<void>;
}

/**
 * A small stand-in for KMS on loopback, speaking its JSON protocol (`X-Amz-Target: TrentService.GenerateDataKey` /
 * `TrentService.Decrypt`) as the real SDK client sends it. Like KMS it keeps the master key to itself: a wrapped
 * data key is an opaque blob that opens only with the encryption context it was made with.
 */
export async function startFakeKms(keyId: string): Promise<FakeKms> {
  const wrapped = new Map<string, { plaintext: Buffer; context: string }>();
  const requests: FakeKms['requests'] = [];
  const canonical = (context: Record<string, string> = {}) => JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b)));
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(body));
      };
      const operation = String(request.headers['x-amz-target'] ?? '').replace('TrentService.', '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { KeyId?: string; KeySpec?: string; EncryptionContext?: Record<string, string>; CiphertextBlob?: string };
      requests.push({ operation, ...(body.KeyId ? { keyId: body.KeyId } : {}), context: body.EncryptionContext ?? {} });
      if (operation === 'GenerateDataKey') {
        if (body.KeyId !== keyId) return reply(400, { __type: 'NotFoundException', message: `key ${body.KeyId} not found` });
        if (body.KeySpec !== 'AES_256') return reply(400, { __type: 'ValidationException', message: 'KeySpec must be AES_256' });
        const plaintext = randomBytes(32);
        const blob = randomBytes(48);
        wrapped.set(blob.toString('base64'), { plaintext, context: canonical(body.EncryptionContext) });
        return reply(200, { KeyId: keyId, Plaintext: plaintext.toString('base64'), CiphertextBlob: blob.toString('base64') });
      }
      if (operation === 'Decrypt') {
        const found = wrapped.get(body.CiphertextBlob ?? '');
        if (!found || found.context !== canonical(body.EncryptionContext)) return reply(400, { __type: 'InvalidCiphertextException', message: 'cannot decrypt' });
        return reply(200, { KeyId: keyId, Plaintext: found.plaintext.toString('base64') });
      }
      return reply(400, { __type: 'UnknownOperationException', message: `not served here: ${operation}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
