import { serverless } from '../local/serverless-cli';

/** `sls package` offline for a stage (no AWS credentials): the template and one zip per function in `.serverless/`. */
export function packageService(stage: string, output: 'inherit' | 'quiet' = 'inherit'): Promise<void> {
  const cli = serverless(['package', '--stage', stage]);
  let log = '';
  if (output === 'inherit') {
    cli.stdout?.pipe(process.stdout);
    cli.stderr?.pipe(process.stderr);
  } else {
    cli.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    cli.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  }
  return new Promise((resolve, reject) => {
    cli.once('error', reject);
    cli.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sls package exited with ${code}\n${log.slice(-4000)}`))));
  });
}
