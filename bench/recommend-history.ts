import type { MemberCategory } from '../shared/api/identity-model';
import type { Interaction } from '../functions/course-push/recommender/co-completion';
import type { CourseFeatures, MemberProfile } from '../functions/course-push/recommender/types';

/**
 * Realistic learning histories with a fixed seed, for the offline evaluation: a catalogue of courses by
 * topic and sub-topic (series), members by category with tag preferences fitted to their post plus
 * personal taste, required courses most people finish, a popularity skew, and noise.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Topic → sub-topics (a sub-topic's courses form a series), each with its words. */
const TOPICS: Record<string, string[][]> = {
  森林防火: [['瞭望', '火情', '报告'], ['扑火', '避险', '安全区'], ['巡护', '火源', '入山'], ['雷击火', '监测', '热点'], ['风力灭火机', '水泵', '装备']],
  病虫害防治: [['松毛虫', '虫态', '监测'], ['松材线虫', '疫木', '检疫'], ['鼠害', '幼林', '调查'], ['白僵菌', '天敌', '生物防治'], ['苗圃', '立枯病', '病害']],
  政策法规: [['森林法', '林地', '采伐'], ['湿地', '保护', '执法'], ['林长制', '考核', '责任'], ['行政执法', '案件', '文书'], ['劳动合同', '权益', '争议']],
  企业管理: [['预算', '成本', '考核'], ['内部控制', '风险', '评价'], ['绩效', '薪酬', '岗位'], ['数字化', '平台', '系统'], ['国有资产', '处置', '监督']],
  党史: [['抗联', '开发建设', '精神'], ['百年奋斗', '历史经验', '决议'], ['改革开放', '国有林区', '历程'], ['英模', '事迹', '榜样']],
  党章党规: [['党章', '义务', '权利'], ['纪律处分', '违纪', '案例'], ['三会一课', '支部', '组织生活'], ['党费', '交纳', '标准'], ['民主评议', '批评', '自我批评']],
  安全生产: [['油锯', '伐木', '操作'], ['急救', '止血', '骨折'], ['冬季作业', '防冻', '防滑'], ['隐患排查', '台账', '预防'], ['道路交通', '运材', '车辆']],
  林下经济: [['蓝莓', '抚育', '采收'], ['黑木耳', '食用菌', '栽培'], ['中药材', '北药', '种植'], ['电商', '直播', '品牌'], ['生态旅游', '线路', '接待']],
  碳汇: [['碳汇计量', '样地', '碳储量'], ['碳交易', '方法学', '项目'], ['增汇经营', '抚育间伐', '森林质量'], ['双碳', '行动方案', '政策']],
  理论学习: [['生态文明', '绿水青山', '发展'], ['二十大', '报告', '部署'], ['东北振兴', '国有林区', '担当'], ['群众路线', '基层', '服务']],
};
const MODIFIERS = ['入门', '案例分析', '操作规范', '提升班', '专题研讨', '现场教学', '常见问题', '新规解读'];

/** Which topics each category is drawn to (weights), and the posts its members hold. */
const CATEGORY_PROFILES: Record<MemberCategory, { share: number; topics: Record<string, number>; posts: string[] }> = {
  ranger: { share: 0.35, topics: { 森林防火: 5, 病虫害防治: 3, 安全生产: 3, 林下经济: 1 }, posts: ['护林', '防火瞭望', '防火巡护', '扑火'] },
  production: { share: 0.25, topics: { 安全生产: 4, 林下经济: 3, 病虫害防治: 2, 碳汇: 2 }, posts: ['营林', '育苗', '病虫害监测', '装备维护'] },
  office: { share: 0.25, topics: { 政策法规: 4, 企业管理: 4, 碳汇: 2, 理论学习: 1 }, posts: ['政策研究', '财务', '人事', '企业管理'] },
  retiree: { share: 0.08, topics: { 党史: 5, 理论学习: 3, 党章党规: 2 }, posts: ['老党员'] },
  probationary: { share: 0.04, topics: { 党章党规: 5, 理论学习: 3, 党史: 2 }, posts: ['青年'] },
  mobile: { share: 0.03, topics: { 党章党规: 3, 林下经济: 3, 安全生产: 2 }, posts: ['季节性巡护'] },
};
const CATEGORIES = Object.keys(CATEGORY_PROFILES) as MemberCategory[];
const TOPIC_POSTS: Record<string, string[]> = {
  森林防火: ['护林', '防火瞭望', '防火巡护', '扑火'], 病虫害防治: ['病虫害监测', '营林'], 安全生产: ['装备维护', '营林'], 林下经济: ['育苗'],
  政策法规: ['政策研究'], 企业管理: ['财务', '人事', '企业管理'], 碳汇: ['营林'], 党史: [], 党章党规: [], 理论学习: [],
};

export interface GeneratedCourse extends CourseFeatures {
  summary: string;
  topic: string;
  series: number;
  popularity: number;
}

export interface GeneratedMember extends MemberProfile {
  userId: string;
  completions: Array<{ courseId: string; at: string }>;
}

export interface GeneratedWorld {
  courses: GeneratedCourse[];
  members: GeneratedMember[];
  now: Date;
}

const DAY_MS = 86_400_000;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T>(random: () => number, entries: ReadonlyArray<[T, number]>): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of entries) {
    roll -= weight;
    if (roll <= 0) return item;
  }
  return entries[entries.length - 1]![0];
}

/** The catalogue: `count` courses spread over topics and series; titles and summaries in Chinese words to segment. */
export function generateCatalogue(random: () => number, count: number, now: Date): Array<Omit<GeneratedCourse, 'titleTerms' | 'summaryTerms'>> {
  const topics = Object.keys(TOPICS);
  return Array.from({ length: count }, (_, index) => {
    const topic = topics[index % topics.length]!;
    const series = Math.floor(random() * TOPICS[topic]!.length);
    const words = TOPICS[topic]![series]!;
    const second = random() < 0.3 ? pick(random, topics.filter((t) => t !== topic)) : undefined;
    const required = random() < 0.03;
    const targeted = random() < 0.7;
    return {
      courseId: `c${String(index).padStart(4, '0')}`,
      title: `${words[0]}${pick(random, words.slice(1))}${pick(random, MODIFIERS)}`,
      summary: `围绕${words.join('、')}讲解${topic}工作的要求和方法，结合林区${pick(random, ['一线', '基层', '机关', '林场'])}实际。`,
      topic,
      series,
      tags: second ? [topic, second] : [topic],
      targetCategories: targeted ? CATEGORIES.filter((category) => (CATEGORY_PROFILES[category].topics[topic] ?? 0) >= 2) : [],
      targetPosts: targeted ? TOPIC_POSTS[topic]!.filter(() => random() < 0.6) : [],
      required,
      ...(required ? { dueDate: new Date(now.getTime() + (10 + Math.floor(random() * 200)) * DAY_MS).toISOString().slice(0, 10) } : {}),
      publishedAt: new Date(now.getTime() - Math.floor(random() * 720) * DAY_MS).toISOString(),
      popularity: 1 / (1 + index * 0.37 * random()) ** 1.1,
    };
  });
}

/** Members and their completions in time order. */
export function generateMembers(random: () => number, count: number, courses: readonly GeneratedCourse[], now: Date): GeneratedMember[] {
  const byTopicSeries = new Map<string, GeneratedCourse[]>();
  for (const course of courses) {
    const key = `${course.topic}#${course.series}`;
    byTopicSeries.set(key, [...(byTopicSeries.get(key) ?? []), course]);
  }
  const popular = courses.map((course) => [course, course.popularity] as [GeneratedCourse, number]);
  const branches = Math.max(1, Math.round(count / 60));
  return Array.from({ length: count }, (_, index) => {
    const category = weighted(random, CATEGORIES.map((c) => [c, CATEGORY_PROFILES[c].share] as [MemberCategory, number]));
    const profile = CATEGORY_PROFILES[category];
    const postTags = [pick(random, profile.posts)];
    // Personal taste: the category's topics re-weighted, plus one topic of their own and a favourite series per topic.
    const taste = Object.entries(profile.topics).map(([topic, weight]) => [topic, weight * (0.4 + random() * 1.2)] as [string, number]);
    taste.push([pick(random, Object.keys(TOPICS)), 2 * random()]);
    const favourite = new Map(Object.keys(TOPICS).map((topic) => [topic, Math.floor(random() * TOPICS[topic]!.length)]));
    const member: GeneratedMember = { userId: `u${String(index).padStart(5, '0')}`, category, postTags, branchId: `b${index % branches}`, completions: [] };
    const done = new Set<string>();
    const eligibleRequired = courses.filter((course) => course.required && (course.targetCategories.length === 0 || course.targetCategories.includes(category)));
    const length = 4 + Math.floor(random() * 22);
    let day = now.getTime() - (300 + Math.floor(random() * 60)) * DAY_MS;
    for (let step = 0; step < length * 3 && member.completions.length < length; step += 1) {
      const roll = random();
      let course: GeneratedCourse;
      if (roll < 0.08 && eligibleRequired.length > 0) course = pick(random, eligibleRequired);
      else if (roll < 0.68) {
        const topic = weighted(random, taste);
        const series = random() < 0.6 ? favourite.get(topic)! : Math.floor(random() * TOPICS[topic]!.length);
        const pool = byTopicSeries.get(`${topic}#${series}`) ?? [];
        if (pool.length === 0) continue;
        course = weighted(random, pool.map((c) => [c, 0.3 + c.popularity] as [GeneratedCourse, number]));
      } else if (roll < 0.88) course = weighted(random, popular);
      else course = pick(random, courses);
      if (done.has(course.courseId)) continue;
      done.add(course.courseId);
      day += (1 + Math.floor(random() * 14)) * DAY_MS;
      member.completions.push({ courseId: course.courseId, at: new Date(Math.min(day, now.getTime() - DAY_MS)).toISOString() });
    }
    return member;
  });
}

/** Splits each member's history: the last `holdout` completions are what the evaluation hopes to predict. */
export function holdOut(members: readonly GeneratedMember[], holdout: number, minimumTraining: number) {
  return members
    .filter((member) => member.completions.length >= holdout + minimumTraining)
    .map((member) => ({ member, training: member.completions.slice(0, -holdout), heldOut: member.completions.slice(-holdout).map((c) => c.courseId) }));
}

export function interactionsOf(member: GeneratedMember, completions: GeneratedMember['completions']): Interaction[] {
  return completions.map((completion) => ({ userId: member.userId, branchId: member.branchId, courseId: completion.courseId, progress: 100, completed: true, updatedAt: completion.at }));
}
