import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError, badRequest } from '../app-error';

/** The request body as text, refusing oversized bodies before anything is parsed. */
export function rawBodyOf(event: APIGatewayProxyEventV2, maxBytes: number): string {
  if (event.body === undefined || event.body === null || event.body === '') return '';
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.byteLength > maxBytes) {
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', `提交的内容过大（上限 ${Math.floor(maxBytes / 1024)} KB）`);
  }
  return bytes.toString('utf8');
}

function mediaType(event: APIGatewayProxyEventV2): string {
  const header = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  return header.split(';')[0]!.trim().toLowerCase();
}

/** Checks the content type and parses a JSON body; an absent body is `undefined`. */
export function jsonBodyOf(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  const text = rawBodyOf(event, maxBytes);
  if (text === '') return undefined;
  if (mediaType(event) !== 'application/json') throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, 'INVALID_JSON');
  }
  assertStorableJson(parsed);
  return parsed;
}

/** Deeper than any body of the contract (a few levels), shallow enough that nothing downstream recurses far. */
const MAX_BODY_DEPTH = 16;
/**
 * Numbers a person can mean in this API. Beyond ±(2^53 − 1) JSON numbers lose digits in JavaScript and the
 * DynamoDB client refuses them; `1e999` parses to Infinity; DynamoDB refuses magnitudes beyond 1e125 or below
 * 1e-130. Schemas bound their own fields more tightly; this is the floor under every body, so a field a schema
 * forgot to bound is still never a 500.
 */
const MAX_MAGNITUDE = Number.MAX_SAFE_INTEGER;
const MIN_MAGNITUDE = 1e-6;

/** Refuses (400 VALIDATION_FAILED naming the field) a body nested too deeply or holding a number out of range. */
function assertStorableJson(root: unknown): void {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: root, path: 'body', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'number') {
      const magnitude = Math.abs(value);
      if (!(magnitude <= MAX_MAGNITUDE) || (magnitude !== 0 && magnitude < MIN_MAGNITUDE)) {
        throw badRequest([{ path, message: '数值超出允许范围' }], `${path} 的数值超出允许范围`);
      }
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_BODY_DEPTH) throw badRequest([{ path, message: '嵌套层级过深' }], '提交的内容嵌套层级过深');
      for (const [key, child] of Object.entries(value)) pending.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
}

/** A text body of the expected media type (e.g. a CSV upload). */
export function textBodyOf(event: APIGatewayProxyEventV2, expected: string, maxBytes: number): string {
  const text = rawBodyOf(event, maxBytes);
  if (mediaType(event) !== expected) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `请求格式不受支持，请上传 ${expected} 文件`);
  }
  return text;
}
