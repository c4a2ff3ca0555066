import { startDynamoDb } from '../scripts/local/dynamodb';
import { ensureTable } from '../scripts/local/table';
import { freePort } from '../tests/support/ports';
async function main() {
  const dynamo = await startDynamoDb({ port: await freePort() });
  Object.assign(process.env, { STAGE: 'local', LOG_LEVEL: 'SILENT', DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: 'exp' });
  await ensureTable(dynamo.endpoint, 'exp');
  const { measureChainContention } = await import('./ledger-chains');
  const r = await measureChainContention({ branches: 100, appendsPerWriter: 5, prefix: 'x' });
  console.log(Math.round(r.perBranch.perSecond), Math.round(r.shared.perSecond), r.shared.gaveUp, Math.round(r.floor.perSecond), r.ratio.toFixed(1));
  await dynamo.stop();
}
main();
