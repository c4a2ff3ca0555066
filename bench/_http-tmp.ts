import { demoMembers } from '../scripts/local/demo-data';
import { issueSession } from '../shared/runtime/session';
import { startPlatform } from '../tests/support/platform';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');
async function main() {
  process.env.SUGGESTION_RATE_LIMIT_PER_HOUR = '1000000';
  const platform = await startPlatform();
  try {
    const token = (await issueSession(demoMembers()[0]!)).token;
    let n = 0;
    const url = platform.apiUrl.replace(/\/api\/v1$/, '');
    const result = await autocannon({
      url, connections: 1, amount: 2,
      requests: [{ method: 'POST', path: '/api/v1/suggestions', setupRequest: (req: any) => ({ ...req, method: 'POST', path: '/api/v1/suggestions', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ title: 't', content: '建议在瞭望塔安装太阳能充电设备。', category: 'work', clientRequestId: `dbg-${Date.now()}-${n++}` }) }), onResponse: (status: number, body: string) => console.log(status, body) }],
    });
    console.log(result.statusCodeStats);
  } finally {
    await platform.stop();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
