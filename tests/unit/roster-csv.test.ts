import { parseRoster } from '../../functions/identity/roster-csv';

const branches = new Set(['songling-zhuangzhi', 'xinlin-office']);

describe('roster CSV', () => {
  it('reads the Chinese headings finance staff use, with an Excel byte-order mark and Chinese labels', () => {
    const csv = '\uFEFF账号,姓名,支部编号,类别,岗位标签,角色\nr001,孙长林,songling-zhuangzhi,护林员,护林;防火瞭望,党员\no001,周丽华,xinlin-office,office,财务,党员、党费管理员\n';
    const result = parseRoster(csv, branches);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      expect.objectContaining({ userId: 'r001', name: '孙长林', category: 'ranger', postTags: ['护林', '防火瞭望'], roles: ['member'] }),
      expect.objectContaining({ userId: 'o001', category: 'office', roles: ['member', 'finance'] }),
    ]);
  });

  it('leaves roles undefined when the cell is empty, so existing roles are kept', () => {
    const result = parseRoster('userId,name,branchId,category,roles\nr002,吴海燕,xinlin-office,office,\n', branches);
    expect(result.rows[0]?.roles).toBeUndefined();
  });

  it('reports every bad row with its line number and returns no rows at all', () => {
    const csv = [
      'userId,name,branchId,category',
      'ok01,王立新,songling-zhuangzhi,ranger',
      'bad id!,李红梅,songling-zhuangzhi,ranger',
      'ok02,,nowhere,astronaut',
      'ok01,重复的人,xinlin-office,office',
    ].join('\n');
    const result = parseRoster(csv, branches);
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(result.errors[1]?.message).toContain('支部编号 nowhere 不存在');
    expect(result.errors[1]?.message).toContain('人员类别应为');
    expect(result.errors[2]?.message).toContain('与第 2 行重复');
  });

  it('refuses a file without the required columns or without data', () => {
    expect(parseRoster('姓名\n张三\n', branches).errors[0]?.message).toContain('缺少必填列');
    expect(parseRoster('userId,name,branchId,category\n', branches).errors[0]?.message).toBe('文件里没有党员数据');
  });

  it('refuses a malformed CSV with a message instead of throwing', () => {
    const result = parseRoster('userId,name,branchId,category\na,"unterminated,b,c\n', branches);
    expect(result.errors[0]?.message).toContain('不是有效的 CSV');
  });
});
