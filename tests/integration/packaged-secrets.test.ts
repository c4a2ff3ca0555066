import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverless } from '../../scripts/local/serverless-cli';
import { DEPLOYED_SECRETS, DEPLOYED_SETTINGS } from '../support/deployed-stage';
import { zipEntries } from '../support/zip';

/** `sls package --stage prod` into a fresh folder, from a machine whose environment holds every secret. */
async function packageWithSecretsInEnvironment(dir: string): Promise<void> {
  const cli = serverless(['package', '--stage', 'prod', '--package', dir], { ...DEPLOYED_SECRETS, ...DEPLOYED_SETTINGS });
  let output = '';
  cli.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
  if (code !== 0) throw new Error(`sls package failed (${code}):\n${output}`);
}

describe('the packaged stack of a deployed stage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'party-package-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds no secret value in its template or any file of any function zip', async () => {
    await packageWithSecretsInEnvironment(dir);
    const files = new Map<string, Buffer>();
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.zip')) for (const [entry, data] of await zipEntries(readFileSync(join(dir, name)))) files.set(`${name}:${entry}`, data);
      else if (name.endsWith('.json')) files.set(name, readFileSync(join(dir, name)));
    }
    const template = files.get('cloudformation-template-update-stack.json')?.toString('utf8') ?? '';
    expect(template).toContain('/party-platform/prod/jwt-secret');
    // The stage settings are not secret: they do reach the template, which shows the environment was read.
    expect(template).toContain(DEPLOYED_SETTINGS.WECOM_CORP_ID);
    expect([...files.keys()].filter((name) => name.endsWith('.zip:functions/identity/handler.js')).length).toBe(1);
    const leaks = [...files].flatMap(([file, data]) =>
      Object.entries(DEPLOYED_SECRETS).flatMap(([secret, value]) => (data.includes(value) ? [`${secret} in ${file}`] : [])),
    );
    expect(leaks).toEqual([]);
  }, 600_000);
});
