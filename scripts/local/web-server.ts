import { createServer, request as httpRequest, type Server } from 'node:http';
import sirv from 'sirv';
import { precompress } from './precompress';

/** Build output named by content hash never changes: cache it for good. Anything else is revalidated. */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;
/**
 * The service worker must be revalidated on every check, whatever else changes here: served from a cache, a
 * new deployment would not reach members (and 「有新版本，点此刷新」 would never show).
 */
const SERVICE_WORKER = '/sw.js';

function cacheControl(pathname: string): string {
  if (pathname !== SERVICE_WORKER && HASHED.test(pathname)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/**
 * Serves the H5 build and forwards `/api/*` to the local API, so the app calls its own origin exactly
 * as it will behind one domain in production (no CORS, no API address baked into the build). Files go out
 * compressed and with the cache headers a CDN in front of the build would give them.
 */
export function startWebServer(options: { root: string; port: number; apiPort: number }): Promise<Server> {
  precompress(options.root);
  const serveStatic = sirv(options.root, {
    single: false,
    dev: false,
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders: (res, pathname) => res.setHeader('Cache-Control', cacheControl(pathname)),
  });
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/api/')) {
      const upstream = httpRequest(
        { host: '127.0.0.1', port: options.apiPort, path: req.url, method: req.method, headers: { ...req.headers, host: `127.0.0.1:${options.apiPort}` } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试' } }));
      });
      req.pipe(upstream);
      return;
    }
    serveStatic(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '0.0.0.0', () => resolve(server));
  });
}
