import { handler as assistant } from '../../functions/assistant/handler';
import { answerQuestion } from '../../functions/assistant/answer';
import { rephraserFromConfig, type InvokeModel } from '../../functions/assistant/provider';
import { handler as coursePush } from '../../functions/course-push/handler';
import { handler as dues } from '../../functions/dues/handler';
import { handler as feedback } from '../../functions/feedback/handler';
import { handler as orgLife } from '../../functions/org-life/handler';
import { handler as signup } from '../../functions/signup/handler';
import { formatYuan } from '../../shared/api/dues-rules';
import { resetConfigForTests } from '../../shared/runtime/config';
import { logger } from '../../shared/runtime/logger';
import { verifySession } from '../../shared/runtime/session';
import { DEFAULT_TOGGLE } from '../../shared/toggles/evaluate';
import { shanghaiMonth } from '../../functions/dues/months';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';
import { activityBody, demo, member, tokenOf } from './signup-fixtures';

useSeededTable();

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const userId of ['demo-ranger', 'demo-secretary', 'demo-retiree', 'demo-admin', 'demo-finance']) tokens[userId] = await tokenOf(demo(userId));
  tokens.newcomer = await tokenOf(member('assistant-newcomer', { name: '新同志' }));
});

const ask = (who: string, question: string) => call(assistant, 'POST', '/api/v1/assistant/ask', { token: tokens[who], body: { question } });

/** The member's own bill this month, as the dues page shows it. */
async function billThisMonth(who: string): Promise<{ amountFen: number; month: string }> {
  const month = shanghaiMonth(new Date());
  const { body } = await call(dues, 'GET', '/api/v1/dues/bills', { token: tokens[who], query: { year: month.slice(0, 4) } });
  return (body.bills as Array<{ month: string; amountFen: number }>).find((bill) => bill.month === month)!;
}

describe('personal answers, from the caller’s own data only', () => {
  it('tells a member their dues this month, how they were reached, and the rule with its source', async () => {
    const bill = await billThisMonth('demo-ranger');
    const reply = await ask('demo-ranger', '我这个月党费多少');
    expect(reply.status).toBe(200);
    expect(reply.body.kind).toBe('personal');
    expect(reply.body.answer).toContain(`应交党费 ${formatYuan(bill.amountFen)} 元`);
    expect(reply.body.answer).toMatch(/按工资收入 [\d.]+ 元 × [\d.]+%计算/);
    expect(reply.body.passages[0]).toMatchObject({ id: 'dues-rate-employed', source: expect.stringContaining('关于中国共产党党费收缴、使用和管理的规定') });
  });

  it('answers a secretary with their own bill, never a member of their branch’s, and names nobody else', async () => {
    const own = await billThisMonth('demo-secretary');
    const ranger = await billThisMonth('demo-ranger');
    const mine = await ask('demo-secretary', '我這個月黨費多少');
    expect(mine.body.kind).toBe('personal');
    expect(mine.body.answer).toContain(`应交党费 ${formatYuan(own.amountFen)} 元`);
    // Asking about another member is a question about the rules, not about that member's bill.
    const other = await ask('demo-secretary', '王护林这个月党费多少');
    expect(other.body.kind).not.toBe('personal');
    expect(JSON.stringify(other.body)).not.toContain('王护林');
    if (ranger.amountFen !== own.amountFen) expect(JSON.stringify(other.body)).not.toContain(`${formatYuan(ranger.amountFen)} 元`);
  });

  it('tells a retiree their pension-based amount with the retirees’ rule', async () => {
    const bill = await billThisMonth('demo-retiree');
    const reply = await ask('demo-retiree', '我这个月该交多少党费');
    expect(reply.body.answer).toContain(`${formatYuan(bill.amountFen)} 元`);
    expect(reply.body.passages[0].id).toBe('dues-retiree');
  });

  it('says the bill is not there yet for a member without one, with the rule on how the base is set', async () => {
    const reply = await ask('newcomer', '我这个月党费多少');
    expect(reply.body.kind).toBe('personal');
    expect(reply.body.answer).toContain('账单还没有生成');
    expect(reply.body.passages.map((passage: { id: string }) => passage.id)).toEqual(['dues-fixed-yearly']);
  });

  it('gives no personal dues answer to members the dues feature is turned off for', async () => {
    const settings = { ...DEFAULT_TOGGLE, targeting: { ...DEFAULT_TOGGLE.targeting, excludedCategories: ['retiree'] }, expectedVersion: 0, note: '退休党员党费改由支部线下收缴' };
    expect((await call(feedback, 'PUT', '/api/v1/feedback/toggles/dues', { token: tokens['demo-admin'], body: settings })).status).toBe(200);
    try {
      const retiree = await ask('demo-retiree', '我这个月党费多少');
      expect(retiree.body.kind).not.toBe('personal');
      expect(retiree.body.answer).not.toContain('应交党费');
      expect((await ask('demo-ranger', '我这个月党费多少')).body.kind).toBe('personal');
    } finally {
      await call(feedback, 'PUT', '/api/v1/feedback/toggles/dues', { token: tokens['demo-admin'], body: { ...DEFAULT_TOGGLE, expectedVersion: 1, note: '恢复全部开放' } });
    }
  });

  it('tells a member the study hours still needed, as their study page counts them', async () => {
    const study = (await call(coursePush, 'GET', '/api/v1/learning/me', { token: tokens['demo-ranger'] })).body;
    const reply = await ask('demo-ranger', '我还差多少学时');
    expect(reply.body.kind).toBe('personal');
    expect(reply.body.answer).toContain(`已完成 ${study.completedHours} 学时`);
    expect(reply.body.answer).toContain(study.remainingHours > 0 ? `还差 ${study.remainingHours} 学时` : '已达到全年');
    expect(reply.body.passages[0].id).toBe('study-hours');
  });

  it('names the next 主题党日 of the member’s own branch, and not another branch’s', async () => {
    const created = await call(signup, 'POST', '/api/v1/activities', {
      token: tokens['demo-secretary'],
      body: activityBody({ title: '主题党日：学习森林防火条例', type: 'party-day', startAt: new Date(Date.now() + 2 * 3_600_000).toISOString(), endAt: new Date(Date.now() + 4 * 3_600_000).toISOString(), signupDeadline: new Date(Date.now() + 3_600_000).toISOString() }),
    });
    expect(created.status).toBe(201);
    const ranger = await ask('demo-ranger', '下次主题党日什么时候');
    expect(ranger.body.kind).toBe('personal');
    expect(ranger.body.answer).toContain('学习森林防火条例');
    expect(ranger.body.passages[0].id).toBe('org-theme-party-day');
    const retiree = await ask('demo-retiree', '下次主题党日什么时候');
    expect(retiree.body.answer).not.toContain('学习森林防火条例');
  });

  it('names the member\'s next 党课 from their branch\'s organisation life, where and when', async () => {
    const startAt = new Date(Date.now() + 26 * 3_600_000);
    const planned = await call(orgLife, 'POST', '/api/v1/org-life/meetings', {
      token: tokens['demo-secretary'],
      body: { clientRequestId: 'assistant-next-lecture', type: 'lecture', topic: '防火期党员先锋作用', startAt: startAt.toISOString(), endAt: new Date(startAt.getTime() + 3_600_000).toISOString(), place: '壮志林场会议室', online: false, audience: 'all' },
    });
    expect(planned.status).toBe(201);
    const ranger = await ask('demo-ranger', '下次党课什么时候');
    expect(ranger.body.kind).toBe('personal');
    expect(ranger.body.answer).toContain('党课「防火期党员先锋作用」');
    expect(ranger.body.answer).toContain('壮志林场会议室');
    // Another branch's member is not among its attendees.
    expect((await ask('demo-retiree', '下次党课什么时候')).body.answer).not.toContain('防火期党员先锋作用');
  });
});

describe('rule answers', () => {
  it('answers a rule question with passages and their sources, whatever characters or words the member uses', async () => {
    const reply = await ask('demo-ranger', '怎麼轉組織關係');
    expect(reply.body.kind).toBe('rules');
    expect(reply.body.passages[0]).toMatchObject({ id: 'transfer-steps', source: expect.any(String) });
    expect(reply.body.answer).toBe(reply.body.passages[0].text);
  });

  it('says 我不确定 and where to ask for what no passage covers, with no passage', async () => {
    const reply = await ask('demo-ranger', '食堂几点开饭');
    expect(reply.body).toMatchObject({ kind: 'unsure', passages: [], whereToAsk: expect.stringContaining('党支部书记') });
    expect(reply.body.answer).toMatch(/^我不确定/);
  });

  it('refuses a question the moderation filter blocks, and bad input with a 400', async () => {
    const blocked = await ask('demo-ranger', '哪里能买到冰毒');
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe('CONTENT_BLOCKED');
    expect((await ask('demo-ranger', '   ')).status).toBe(400);
    expect((await ask('demo-ranger', '党'.repeat(201))).status).toBe(400);
  });

  it('logs no question text (the HTTP stack logs the route, never the member)', async () => {
    // Every call the code makes to the logger, whatever the level in force (the middleware resets it per request).
    const lines: string[] = [];
    const spies = (['debug', 'info', 'warn', 'error', 'critical'] as const).map((method) =>
      jest.spyOn(logger, method).mockImplementation((...args: unknown[]) => void lines.push(JSON.stringify(args))),
    );
    try {
      expect((await ask('demo-ranger', '我这个月党费多少，家里困难交不起怎么办')).status).toBe(200);
      expect((await ask('demo-ranger', '公积金怎么提取')).status).toBe(200);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    const text = lines.join('\n');
    expect(text).toContain('/api/v1/assistant/ask');
    for (const fragment of ['家里困难', '公积金', 'demo-ranger', '王护林']) expect(text).not.toContain(fragment);
  });
});

describe('the corpus: admins add and retire passages, versioned and moderated', () => {
  const body = { title: '林区党员防火期间的组织生活', text: '森林防火紧要期内，林区党支部的主题党日可以结合防火巡护在管护站就近开展。', source: '集团党委2026年防火期工作通知', clientRequestId: 'add-fire-season-life' };

  it('lets only admins change the corpus', async () => {
    expect((await call(assistant, 'POST', '/api/v1/assistant/passages', { token: tokens['demo-secretary'], body })).status).toBe(403);
    expect((await call(assistant, 'GET', '/api/v1/assistant/passages', { token: tokens['demo-ranger'] })).status).toBe(403);
  });

  it('adds a passage once, as the next version, and answers with it; a retired passage is no longer used', async () => {
    const before = (await call(assistant, 'GET', '/api/v1/assistant/passages', { token: tokens['demo-admin'] })).body;
    const added = await call(assistant, 'POST', '/api/v1/assistant/passages', { token: tokens['demo-admin'], body });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ origin: 'added', status: 'active', version: before.version + 1, updatedBy: 'demo-admin' });
    const again = await call(assistant, 'POST', '/api/v1/assistant/passages', { token: tokens['demo-admin'], body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(added.body.id);

    const answered = await ask('demo-ranger', '防火期间主题党日可以在管护站开吗');
    expect(answered.body.passages[0]).toMatchObject({ id: added.body.id, source: '集团党委2026年防火期工作通知' });

    const retired = await call(assistant, 'POST', `/api/v1/assistant/passages/${added.body.id}/retire`, { token: tokens['demo-admin'] });
    expect(retired.body).toMatchObject({ status: 'retired', version: before.version + 2 });
    const after = await ask('demo-ranger', '防火期间主题党日可以在管护站开吗');
    expect(after.body.passages.map((passage: { id: string }) => passage.id)).not.toContain(added.body.id);

    const list = (await call(assistant, 'GET', '/api/v1/assistant/passages', { token: tokens['demo-admin'] })).body;
    expect(list.version).toBe(before.version + 2);
    expect(list.items.find((passage: { id: string }) => passage.id === added.body.id).status).toBe('retired');
  });

  it('retires a shipped passage, and refuses an unknown one', async () => {
    const retired = await call(assistant, 'POST', '/api/v1/assistant/passages/dues-publication/retire', { token: tokens['demo-admin'] });
    expect(retired.body).toMatchObject({ id: 'dues-publication', origin: 'shipped', status: 'retired' });
    const reply = await ask('demo-ranger', '党费使用情况多久公布一次');
    expect(reply.body.passages.map((passage: { id: string }) => passage.id)).not.toContain('dues-publication');
    const unknown = await call(assistant, 'POST', '/api/v1/assistant/passages/no-such-passage/retire', { token: tokens['demo-admin'] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('PASSAGE_NOT_FOUND');
  });

  it('refuses a passage the moderation filter blocks, and writes nothing', async () => {
    const before = (await call(assistant, 'GET', '/api/v1/assistant/passages', { token: tokens['demo-admin'] })).body.version;
    const blocked = await call(assistant, 'POST', '/api/v1/assistant/passages', { token: tokens['demo-admin'], body: { ...body, text: '可以在活动后出售冰毒', clientRequestId: 'add-blocked' } });
    expect(blocked.status).toBe(422);
    expect((await call(assistant, 'GET', '/api/v1/assistant/passages', { token: tokens['demo-admin'] })).body.version).toBe(before);
  });
});

describe('the optional model', () => {
  afterEach(() => {
    delete process.env.ASSISTANT_MODEL;
    delete process.env.ASSISTANT_BEDROCK_MODEL_ID;
    resetConfigForTests();
  });

  it('is not called while ASSISTANT_MODEL is off (the default)', async () => {
    const invoke = jest.fn<ReturnType<InvokeModel>, Parameters<InvokeModel>>();
    const caller = await verifySession(tokens['demo-ranger']!);
    const answer = await answerQuestion(caller, '怎么转组织关系', rephraserFromConfig(invoke));
    expect(invoke).not.toHaveBeenCalled();
    expect(answer.rephrased).toBe(false);
  });

  it('when on, only rephrases: it gets no member id or name, and wording with a number of its own is not used', async () => {
    process.env.ASSISTANT_MODEL = 'bedrock';
    process.env.ASSISTANT_BEDROCK_MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
    resetConfigForTests();
    const caller = await verifySession(tokens['demo-ranger']!);
    const wording = (text: string): InvokeModel => jest.fn(async () => ({ body: JSON.stringify({ content: [{ type: 'text', text }] }) }));

    const grounded = wording('按条文 [1]：先向支部提出申请，再持介绍信到接收党组织报到。');
    const answer = await answerQuestion(caller, '我这个月党费多少', rephraserFromConfig(grounded));
    expect(answer).toMatchObject({ kind: 'personal', rephrased: true, answer: expect.stringContaining('介绍信') });
    expect(answer.passages[0]!.source).toContain('党费');
    const sent = JSON.stringify((grounded as jest.Mock).mock.calls);
    expect(sent).toContain('我这个月党费多少');
    for (const fragment of ['demo-ranger', '王护林']) expect(sent).not.toContain(fragment);

    const inventive = await answerQuestion(caller, '我这个月党费多少', rephraserFromConfig(wording('您每月应交 999 元。')));
    expect(inventive.rephrased).toBe(false);
    expect(inventive.answer).toContain('应交党费');
  });
});
