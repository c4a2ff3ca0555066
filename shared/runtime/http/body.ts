import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError } from '../app-error';

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
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, 'INVALID_JSON');
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
