/**
 * `npm run bench:h5 [-- --runs 7]`
 *
 * The H5 home page's time to interactive (see INTERACTIVE_DEFINITION) in headless Chromium with a phone
 * viewport, slow 3G and 4× CPU throttling (CDP), for a member who is signed in (session in storage, signed in
 * through the demo picker first). Measured twice: a returning visit (the app's files in the HTTP cache) and a
 * first visit (HTTP cache cleared, session kept). The baseline is a bare Taro page (bench/fixtures/bare-taro)
 * built with the same configuration and served by the same server. Target: returning visit median < 1.5 s.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../scripts/local/h5-build';
import { startWebServer } from '../scripts/local/web-server';
import { launchBrowser, phonePage } from '../tests/support/browser';
import { shown } from '../tests/support/e2e';
import { startPlatform } from '../tests/support/platform';
import { freePort } from '../tests/support/ports';
import { addProbe, CPU_SLOWDOWN, INTERACTIVE_DEFINITION, measureLoad, SLOW_3G, throttle, type Interactive } from './h5/probe';

const runsIndex = process.argv.indexOf('--runs');
const RUNS = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 7;
const TARGET_MS = 1500;
const BARE_DIST = join(ROOT, 'miniapp', 'dist-bare', 'h5');

function buildBare(): void {
  const result = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', BARE_TARO: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`the bare Taro build failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
}

interface Series {
  returning: Interactive[];
  first: Interactive[];
}

/** Loads `url` RUNS times warm and RUNS times with the HTTP cache cleared, throttled, after one unthrottled visit. */
async function measure(page: Page, url: string): Promise<Series> {
  await addProbe(page);
  await page.goto(url);
  await page.evaluate(() => window.__interactive);
  const cdp = await throttle(page);
  const series: Series = { returning: [], first: [] };
  for (let run = 0; run < RUNS; run += 1) {
    series.returning.push(await measureLoad(page, url));
    process.stderr.write(`  ${url} returning visit ${run + 1}/${RUNS}: ${Math.round(series.returning.at(-1)!.handledMs)} ms\n`);
  }
  for (let run = 0; run < RUNS; run += 1) {
    await cdp.send('Network.clearBrowserCache');
    series.first.push(await measureLoad(page, url));
    process.stderr.write(`  ${url} first visit ${run + 1}/${RUNS}: ${Math.round(series.first.at(-1)!.handledMs)} ms\n`);
  }
  await page.context().close();
  return series;
}

async function signedInMember(browser: Browser, webUrl: string): Promise<{ page: Page; homeUrl: string }> {
  const page = await phonePage(browser);
  await page.goto(`${webUrl}/`);
  await shown(page, '王护林').click({ timeout: 60_000 });
  await shown(page, '功能服务').waitFor({ timeout: 60_000 });
  return { page, homeUrl: page.url() };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${Math.round(value)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function summary(label: string, runs: Interactive[]): { line: string; median: number } {
  const median = percentile(runs.map((run) => run.handledMs), 50);
  const p90 = percentile(runs.map((run) => run.handledMs), 90);
  const rendered = percentile(runs.map((run) => run.renderedMs), 50);
  const bytes = percentile(runs.map((run) => run.transferredBytes), 50);
  return { median, line: `${label}: median ${ms(median)}, p90 ${ms(p90)} (cards visible at ${ms(rendered)}, ${kb(bytes)} over the network)` };
}

async function main(): Promise<void> {
  console.log(INTERACTIVE_DEFINITION);
  console.log(
    `network ${SLOW_3G.downloadThroughput * 8 / 1000} kbps down / ${SLOW_3G.uploadThroughput * 8 / 1000} kbps up, ${SLOW_3G.latency} ms RTT; CPU ${CPU_SLOWDOWN}× slower; 375×812; ${RUNS} runs each`,
  );
  buildBare();
  const platform = await startPlatform();
  const bareServer = await startWebServer({ root: BARE_DIST, port: await freePort(), apiPort: 9 });
  const bareUrl = `http://localhost:${(bareServer.address() as { port: number }).port}/`;
  const browser = await launchBrowser();
  try {
    const member = await signedInMember(browser, platform.webUrl);
    const app = await measure(member.page, member.homeUrl);
    const bare = await measure(await phonePage(browser), bareUrl);
    for (const visit of ['returning', 'first'] as const) {
      const title = visit === 'returning' ? 'returning visit (files in the HTTP cache)' : 'first visit (HTTP cache cleared, session kept)';
      const appLine = summary('  home page', app[visit]);
      const bareLine = summary('  bare Taro page', bare[visit]);
      console.log(title);
      console.log(appLine.line);
      console.log(bareLine.line);
      console.log(`  ratio home/bare (median): ${(appLine.median / bareLine.median).toFixed(2)}`);
    }
    const target = percentile(app.returning.map((run) => run.handledMs), 50);
    console.log(`target: returning-visit median < ${ms(TARGET_MS)}: ${target < TARGET_MS ? 'met' : 'MISSED'} (${ms(target)})`);
  } finally {
    await browser.close();
    bareServer.close();
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
