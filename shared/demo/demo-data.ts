import type { Member, MemberCategory, OrgUnit, Role } from '../api/identity-model';

/**
 * A realistic demo organisation: the group committee, two forestry bureaus and six branches, with
 * members across the categories, and one demo identity per role for signing in on the local stage.
 */
export const DEMO_ORG: OrgUnit[] = [
  { id: 'dxal-group', kind: 'group', name: '大兴安岭林业集团公司党委' },
  { id: 'songling', kind: 'company', name: '松岭林业局党委', parentId: 'dxal-group' },
  { id: 'xinlin', kind: 'company', name: '新林林业局党委', parentId: 'dxal-group' },
  { id: 'songling-office', kind: 'branch', name: '松岭林业局机关第一党支部', parentId: 'songling' },
  { id: 'songling-zhuangzhi', kind: 'branch', name: '壮志林场党支部', parentId: 'songling' },
  { id: 'songling-fire', kind: 'branch', name: '松岭森林消防大队党支部', parentId: 'songling' },
  { id: 'xinlin-office', kind: 'branch', name: '新林林业局机关党支部', parentId: 'xinlin' },
  { id: 'xinlin-cuigang', kind: 'branch', name: '翠岗林场党支部', parentId: 'xinlin' },
  { id: 'xinlin-retirees', kind: 'branch', name: '新林林业局离退休党支部', parentId: 'xinlin' },
];

/** Branch → the mix of categories its members have, and typical post tags. */
const BRANCH_PROFILES: Record<string, { categories: MemberCategory[]; posts: string[] }> = {
  'songling-office': { categories: ['office', 'office', 'office', 'probationary'], posts: ['政策研究', '财务', '人事', '宣传'] },
  'songling-zhuangzhi': { categories: ['ranger', 'ranger', 'production', 'mobile'], posts: ['护林', '防火瞭望', '营林', '病虫害监测'] },
  'songling-fire': { categories: ['ranger', 'production', 'ranger', 'probationary'], posts: ['扑火', '防火巡护', '装备维护'] },
  'xinlin-office': { categories: ['office', 'office', 'production'], posts: ['企业管理', '安全生产', '林下经济', '碳汇计量'] },
  'xinlin-cuigang': { categories: ['ranger', 'production', 'production', 'ranger'], posts: ['护林', '育苗', '林下经济', '病虫害监测'] },
  'xinlin-retirees': { categories: ['retiree'], posts: ['老党员'] },
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['建国', '秀兰', '志强', '海燕', '立新', '桂芳', '长林', '红梅', '永刚', '丽华', '树森', '春艳', '国庆', '淑珍', '大伟', '晓东', '玉兰', '振华', '凤英', '德胜', '文静', '松涛', '雪梅', '兴安'];

const UPDATED_AT = '2026-01-05T00:00:00.000Z';

/** Demo identities, one per role (and a few members of other categories), listed on the login page. */
const PARTY_DEMO_ACCOUNTS: Member[] = [
  demo('demo-ranger', '王护林', 'songling-zhuangzhi', 'ranger', ['护林', '防火瞭望'], ['member']),
  demo('demo-office', '李机关', 'xinlin-office', 'office', ['企业管理', '政策研究'], ['member']),
  demo('demo-retiree', '赵老党员', 'xinlin-retirees', 'retiree', ['老党员'], ['member']),
  demo('demo-secretary', '张书记', 'songling-zhuangzhi', 'production', ['营林'], ['member', 'secretary']),
  demo('demo-reviewer', '刘审核', 'songling-office', 'office', ['宣传'], ['member', 'reviewer']),
  demo('demo-finance', '陈财务', 'songling-office', 'office', ['财务'], ['member', 'finance']),
  demo('demo-admin', '杨管理', 'songling-office', 'office', ['信息化'], ['member', 'admin']),
  // A second branch's secretary (another bureau): the receiving side of an organisation transfer.
  demo('demo-secretary-cuigang', '孙书记', 'xinlin-cuigang', 'ranger', ['护林'], ['member', 'secretary']),
];

/**
 * The independent evaluator of the party-building assessment (a third-party body, not a party member of any
 * branch): attached to the group for its sign-in, and kept out of the members' order (its id sorts after theirs,
 * and it comes last) so every capability's deterministic demo data stays as it was.
 */
export const DEMO_EVALUATOR: Member = demo('thirdparty-evaluator', '周评估', 'dxal-group', 'office', ['第三方评估'], ['evaluator']);

/** Every demo identity, listed on the login page. */
export const DEMO_ACCOUNTS: Member[] = [...PARTY_DEMO_ACCOUNTS, DEMO_EVALUATOR];

function demo(userId: string, name: string, branchId: string, category: MemberCategory, postTags: string[], roles: Role[]): Member {
  return { userId, name, branchId, category, postTags, roles, updatedAt: UPDATED_AT, ...(category === 'probationary' ? { admittedMonth: '2026-03' } : {}) };
}

/** Deterministic members: twelve per branch, names drawn from common surnames and given names. */
export function demoMembers(): Member[] {
  const members: Member[] = [...PARTY_DEMO_ACCOUNTS];
  let serial = 0;
  for (const [branchId, profile] of Object.entries(BRANCH_PROFILES)) {
    for (let i = 0; i < 12; i += 1) {
      serial += 1;
      const category = profile.categories[i % profile.categories.length]!;
      const name = `${SURNAMES[(serial * 7) % SURNAMES.length]}${GIVEN[(serial * 5) % GIVEN.length]}`;
      members.push(
        demo(`m${String(serial).padStart(4, '0')}`, name, branchId, category, [profile.posts[i % profile.posts.length]!], ['member']),
      );
    }
  }
  return [...members, DEMO_EVALUATOR];
}
