import { inQuietHours, isoWeekOf, previousWeeks } from '../../functions/course-push/calendar';
import { parseCourseCsv } from '../../functions/course-push/catalogue-csv';
import { contentHash, describe as describeNotice, noticeKey, pushNotice } from '../../functions/course-push/push/notice-content';
import { nextPushedAt, withinCaps } from '../../functions/course-push/push/planning';
import { DEFAULT_SETTINGS } from '../../functions/course-push/settings';
import { hoursInYear } from '../../functions/course-push/study-hours';
import { noticeProblems } from '../../shared/runtime/outbound';

describe('push calendar (Asia/Shanghai)', () => {
  it('names ISO weeks by Shanghai time, across the year boundary', () => {
    expect(isoWeekOf(new Date('2026-03-01T16:30:00Z'))).toBe('2026-W10');
    expect(isoWeekOf(new Date('2027-01-01T03:00:00Z'))).toBe('2026-W53');
    expect(previousWeeks(new Date('2026-03-04T02:00:00Z'), 3)).toEqual(['2026-W10', '2026-W09', '2026-W08']);
  });

  it('applies quiet hours that wrap midnight, and none when start equals end', () => {
    const quiet = { start: '21:00', end: '08:00' };
    expect(inQuietHours(new Date('2026-03-02T14:30:00Z'), quiet)).toBe(true);
    expect(inQuietHours(new Date('2026-03-02T23:59:00Z'), quiet)).toBe(true);
    expect(inQuietHours(new Date('2026-03-03T00:00:00Z'), quiet)).toBe(false);
    expect(inQuietHours(new Date('2026-03-02T12:59:00Z'), quiet)).toBe(false);
    expect(inQuietHours(new Date('2026-03-02T14:30:00Z'), { start: '00:00', end: '00:00' })).toBe(false);
  });
});

describe('push frequency caps', () => {
  const now = new Date('2026-03-30T02:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  it('refuses a push sooner than the minimum gap or beyond the 30-day maximum', () => {
    expect(withinCaps({ optOut: false, pushedAt: [] }, DEFAULT_SETTINGS.push, now)).toBe(true);
    expect(withinCaps({ optOut: false, pushedAt: [daysAgo(3)] }, DEFAULT_SETTINGS.push, now)).toBe(false);
    expect(withinCaps({ optOut: false, pushedAt: [daysAgo(7)] }, DEFAULT_SETTINGS.push, now)).toBe(true);
    expect(withinCaps({ optOut: false, pushedAt: [daysAgo(28), daysAgo(21), daysAgo(14), daysAgo(7)] }, DEFAULT_SETTINGS.push, now)).toBe(false);
  });

  it('keeps two months of push history', () => {
    expect(nextPushedAt({ optOut: false, pushedAt: [daysAgo(90), daysAgo(7)] }, now)).toEqual([daysAgo(7), now.toISOString()]);
  });
});

describe('the weekly notice', () => {
  const items = Array.from({ length: 10 }, (_, index) => ({ courseId: `c${index}`, title: `一门名字相当长的课程，超过了企业微信内容字段允许的三十个字符的限制${index}`, kind: index < 2 ? ('required' as const) : ('recommended' as const) }));
  it('fits WeCom limits whatever the titles: 4–12 character title and description, short items', () => {
    const notice = pushNotice('course-push#2026-W10#abc#def', '2026-W10', items, ['u1', 'u2']);
    expect(noticeProblems(notice)).toEqual([]);
    expect(notice.description).toBe('2门必修课待完成');
    expect(describeNotice(items.slice(2, 5))).toBe('为您推荐3门课程');
    expect([...notice.contentItems![0]!.value].length).toBeLessThanOrEqual(30);
  });

  it('gives the same content one hash and a key that changes with the recipients', () => {
    expect(contentHash(items)).toBe(contentHash([...items]));
    expect(contentHash(items)).not.toBe(contentHash(items.slice(1)));
    expect(noticeKey('2026-W10', 'h', ['b', 'a'])).toBe(noticeKey('2026-W10', 'h', ['a', 'b']));
    expect(noticeKey('2026-W10', 'h', ['a'])).not.toBe(noticeKey('2026-W10', 'h', ['a', 'b']));
  });
});

describe('study hours', () => {
  it('counts each completion once, in the Shanghai year it happened, without floating-point drift', () => {
    const records = [
      { completed: true, completedAt: '2025-12-31T16:30:00Z', creditedHours: 0.5 },
      { completed: true, completedAt: '2026-03-01T00:00:00Z', creditedHours: 0.1 },
      { completed: true, completedAt: '2026-03-02T00:00:00Z', creditedHours: 0.2 },
      { completed: false, creditedHours: 0 },
    ];
    expect(hoursInYear(records, 2026)).toBe(0.8);
    expect(hoursInYear(records, 2025)).toBe(0);
  });
});

describe('catalogue CSV', () => {
  it('reads Chinese labels for type, categories, required and status', () => {
    const parsed = parseCourseCsv('编号,课程名称,类型,学时,标签,适用类别,必修,截止日期,状态\nfire-x,防火课,视频课,1.5,森林防火、安全生产,护林员；生产一线,必修,2026-04-30,下架');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({ courseId: 'fire-x', input: { type: 'video', hours: 1.5, tags: ['森林防火', '安全生产'], targetCategories: ['ranger', 'production'], required: true, dueDate: '2026-04-30', status: 'archived' } });
  });

  it('reports a missing column, an empty file and an unparseable file in Chinese', () => {
    expect(parseCourseCsv('课程名称,类型\n防火课,视频课').errors[0]!.message).toBe('缺少必填列：课程编号、学时、标签');
    expect(parseCourseCsv('').errors[0]!.message).toBe('文件是空的');
    expect(parseCourseCsv('courseId,title,type,hours,tags\n"a,b').errors[0]!.message).toMatch(/不是有效的 CSV/);
  });
});
