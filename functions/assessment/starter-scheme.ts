import type { Indicator } from '../../shared/api/assessment';

/**
 * A starting scheme in the spirit of the articles: members' satisfaction and contribution to the business at the
 * core, an independent evaluator for credibility, results only. The demo year is assessed by it, and an admin
 * defining a new year starts from the last year's scheme (this one when there is none).
 */
export const STARTER_INDICATORS: Indicator[] = [
  { code: 'party-organisation', name: '组织建设', dimension: 'party', weight: 30, definition: '支部按规定开展组织生活、收缴党费、完成学习要求的情况', unit: '分', direction: 'higher', source: 'group' },
  {
    code: 'dues-on-time', name: '党费按时缴纳率', parent: 'party-organisation', dimension: 'party', weight: 30,
    definition: '本期应缴党费账单中，在账单所属月份内缴清的比例（免缴账单不计）', unit: '%', direction: 'higher', source: 'platform:dues-on-time', worst: 60, best: 100,
  },
  {
    code: 'organisation-life', name: '组织生活按规定召开率', parent: 'party-organisation', dimension: 'party', weight: 40,
    definition: '支部党员大会、支委会、党小组会、党课、主题党日应召开次数中实际召开的比例', unit: '%', direction: 'higher', source: 'platform:organisation-life', worst: 50, best: 100,
  },
  {
    code: 'study-requirement', name: '学时达标率', parent: 'party-organisation', dimension: 'party', weight: 30,
    definition: '党员中按进度完成年度 32 学时集中学习要求的比例（只按支部汇总，不对个人排名）', unit: '%', direction: 'higher', source: 'platform:study-requirement', worst: 30, best: 100,
  },
  { code: 'party-service', name: '服务群众', dimension: 'party', weight: 30, definition: '党员和群众反映的问题是否得到及时办理、办理是否让人满意', unit: '分', direction: 'higher', source: 'group' },
  {
    code: 'suggestions-replied', name: '意见建议按时答复率', parent: 'party-service', dimension: 'party', weight: 40,
    definition: '本期审核通过的意见建议中，15 日内答复的比例', unit: '%', direction: 'higher', source: 'platform:suggestions-replied', worst: 50, best: 100,
  },
  {
    code: 'handling-rating', name: '办理情况评价', parent: 'party-service', dimension: 'party', weight: 30,
    definition: '党员对意见建议办理情况的平均评价（1–5 分）', unit: '分', direction: 'higher', source: 'platform:handling-rating', worst: 2, best: 5,
  },
  {
    code: 'participation', name: '报名党员参加率', parent: 'party-service', dimension: 'party', weight: 30,
    definition: '需要签到的活动中，报名成功的党员实际参加的比例', unit: '%', direction: 'higher', source: 'platform:participation', worst: 50, best: 100,
  },
  {
    code: 'satisfaction', name: '党员满意度', dimension: 'party', weight: 25,
    definition: '匿名满意度调查的平均分折算为百分制（回答不足 5 份的支部不计算）', unit: '分', direction: 'higher', source: 'platform:satisfaction', worst: 40, best: 90,
  },
  {
    code: 'third-party', name: '第三方评估', dimension: 'party', weight: 15,
    definition: '独立第三方评估机构查阅依据后给出的评分', unit: '分', direction: 'higher', source: 'evaluation', worst: 0, best: 100,
  },
  {
    code: 'biz-fire-incidents', name: '森林火灾发生起数', dimension: 'business', weight: 30,
    definition: '本期辖区内发生的森林火灾起数（防火期内外合计）', unit: '起', direction: 'lower', source: 'import', worst: 4, best: 0,
  },
  {
    code: 'biz-protected-area', name: '森林管护面积', dimension: 'business', weight: 20,
    definition: '本期落实管护责任的林地面积', unit: '公顷', direction: 'higher', source: 'import', worst: 200000, best: 320000,
  },
  {
    code: 'biz-output-value', name: '完成产值', dimension: 'business', weight: 30,
    definition: '本期完成的营林、林下经济和多种经营产值', unit: '万元', direction: 'higher', source: 'import', worst: 1500, best: 4500,
  },
  {
    code: 'biz-safety-incidents', name: '安全生产事故起数', dimension: 'business', weight: 20,
    definition: '本期发生的一般及以上安全生产事故起数', unit: '起', direction: 'lower', source: 'import', worst: 3, best: 0,
  },
];
