import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer } from '../../scripts/local/web-server';
import { freePort } from '../support/ports';

/**
 * What the local web server tells browsers to cache: a new deployment reaches members only if the service
 * worker and the shell are revalidated on every check, while hashed build output may be kept for good.
 */
describe('the local web server', () => {
  let site: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'fpp-web-'));
    mkdirSync(join(site, 'js'));
    writeFileSync(join(site, 'index.html'), '<!DOCTYPE html><title>智慧党建</title>');
    writeFileSync(join(site, 'sw.js'), `self.addEventListener('install', () => undefined); // ${'x'.repeat(2_000)}`);
    writeFileSync(join(site, 'js', 'app.0123abcd.js'), 'console.log(1);');
    const port = await freePort();
    server = await startWebServer({ root: site, port, apiPort: await freePort() });
    base = `http://localhost:${port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(site, { recursive: true, force: true });
  });

  const cacheControl = async (path: string, encoding = 'br, gzip') => {
    const reply = await fetch(`${base}${path}`, { headers: { 'accept-encoding': encoding } });
    expect(reply.status).toBe(200);
    return reply.headers.get('cache-control');
  };

  it('never lets a browser keep the service worker without asking, compressed or not', async () => {
    expect(await cacheControl('/sw.js')).toBe('no-cache');
    expect(await cacheControl('/sw.js', 'identity')).toBe('no-cache');
  });

  it('revalidates the shell and keeps content-hashed files for good', async () => {
    expect(await cacheControl('/index.html')).toBe('no-cache');
    expect(await cacheControl('/js/app.0123abcd.js')).toBe('public, max-age=31536000, immutable');
  });
});
