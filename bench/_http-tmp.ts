import { demoMembers } from '../scripts/local/demo-data';
import { issueSession } from '../shared/runtime/session';
import { startPlatform } from '../tests/support/platform';
async function main() {
  process.env.SUGGESTION_RATE_LIMIT_PER_HOUR = '1000000';
  const platform = await startPlatform();
  try {
    const tokens = await Promise.all(demoMembers().slice(0, 20).map(async (m) => (await issueSession(m)).token));
    let n = 0;
    const post = async (path = '/suggestions') => {
      const t = performance.now();
      const r = await fetch(`${platform.apiUrl}${path}`, path === '/suggestions' ? { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n % 20]}` }, body: JSON.stringify({ title: 't', content: '建议在瞭望塔安装太阳能充电设备。', category: 'work', clientRequestId: `dbg-${Date.now()}-${n++}` }) } : { headers: { authorization: `Bearer ${tokens[0]}` } });
      return { s: r.status, ms: Math.round(performance.now() - t) };
    };
    for (let i = 0; i < 5; i++) console.log('seq', await post());
    for (let i = 0; i < 3; i++) console.log('health', await post('/health'));
    for (const c of [2, 5, 10, 20, 20, 20]) {
      const t = performance.now();
      const rs = await Promise.all(Array.from({ length: c }, () => post()));
      console.log('conc', c, Math.round(performance.now() - t), rs.map((r) => r.ms).join(','));
    }
  } finally {
    await platform.stop();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
