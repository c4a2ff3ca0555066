import type { CourseType } from '../../shared/api/courses';
import type { MemberCategory } from '../../shared/api/identity-model';

/**
 * The demo catalogue: courses a forestry group's party school and training centre actually run, by topic.
 * Tuple: id, title, summary, type, hours, tags, target categories, target posts, and for a required course its due
 * date in days from the day the demo is seeded (kept within that year).
 */
export type SeedCourse = [string, string, string, CourseType, number, string[], MemberCategory[], string[], number?];

const FRONT: MemberCategory[] = ['ranger', 'production'];
const OFFICE: MemberCategory[] = ['office'];
const ALL: MemberCategory[] = [];

export const SEED_COURSES: SeedCourse[] = [
  // 森林防火
  ['fire-season-rules', '春季森林防火期安全规程', '防火期入山管理、野外用火审批与火源管控的规定和现场做法，防火期上岗前必学。', 'video', 2, ['森林防火', '安全生产'], FRONT, [], -10],
  ['fire-lookout-practice', '防火瞭望塔值守与火情报告', '瞭望员如何识别烟点、测定方位、按规范报告火情，含夜间值守和通信设备使用。', 'video', 1.5, ['森林防火'], FRONT, ['防火瞭望', '护林'], undefined],
  ['fire-patrol-routes', '护林员巡护路线规划与巡护日志', '结合林班分布规划巡护路线，规范填写巡护日志，发现火险隐患后的处置流程。', 'article', 1, ['森林防火'], FRONT, ['护林', '防火巡护'], undefined],
  ['fire-behaviour-basics', '森林火灾蔓延规律与火险等级', '可燃物、气象和地形如何影响林火蔓延，看懂火险等级预报并据此调整巡护强度。', 'video', 2, ['森林防火'], FRONT, [], undefined],
  ['fire-suppression-safety', '扑火队员安全避险十条', '扑救森林火灾中的安全避险要点：观察火势、选择安全区、紧急避险和撤离。', 'video', 2, ['森林防火', '安全生产'], FRONT, ['扑火', '防火巡护'], undefined],
  ['fire-equipment-care', '风力灭火机与水泵维护保养', '常用扑火机具的检查、保养与故障排除，确保防火期装备完好率。', 'offline', 3, ['森林防火'], FRONT, ['装备维护', '扑火'], undefined],
  ['fire-lightning', '雷击火的监测与早期处置', '大兴安岭雷击火多发的原因，卫星热点和雷电监测信息的使用，早发现早处置。', 'live', 1.5, ['森林防火'], FRONT, ['防火瞭望', '扑火'], undefined],
  ['fire-law-cases', '森林防火条例与典型火案警示', '《森林防火条例》主要条款和近年典型火灾案例，野外违规用火的法律责任。', 'article', 1, ['森林防火', '政策法规'], ALL, [], undefined],
  ['fire-community', '林区群众防火宣传的方法', '入户宣传、防火公约和村屯联防的组织办法，如何让防火常识讲得通、记得住。', 'article', 1, ['森林防火'], FRONT, ['护林'], undefined],
  ['fire-drone', '无人机在森林防火巡查中的应用', '无人机巡查的航线设置、热成像识别火点和数据回传，适合防火巡护岗位。', 'video', 2, ['森林防火'], FRONT, ['防火巡护', '防火瞭望'], undefined],
  // 病虫害防治
  ['pest-larch-caterpillar', '落叶松毛虫的识别与防治', '落叶松毛虫各虫态识别、发生规律和监测方法，生物防治与化学防治的适用条件。', 'video', 2, ['病虫害防治'], FRONT, ['病虫害监测', '营林'], undefined],
  ['pest-monitoring-points', '林业有害生物监测点调查规范', '固定监测点的设置、调查时间和记录标准，数据上报和预警信息的使用。', 'article', 1.5, ['病虫害防治'], FRONT, ['病虫害监测'], undefined],
  ['pest-pine-wilt', '松材线虫病疫情防控知识', '松材线虫病的传播途径、疫木识别和除治措施，疫区管控与检疫要求。', 'video', 2, ['病虫害防治', '政策法规'], FRONT, ['病虫害监测', '护林'], undefined],
  ['pest-rodents', '林区鼠害调查与综合治理', '林木鼠害的调查方法和综合治理措施，幼林地保护的季节安排。', 'article', 1, ['病虫害防治'], FRONT, ['营林', '育苗'], undefined],
  ['pest-biocontrol', '林业生物防治技术：天敌与微生物农药', '白僵菌、苏云金杆菌和天敌昆虫的使用技术，减少化学农药对林区生态的影响。', 'video', 2, ['病虫害防治'], FRONT, ['病虫害监测'], undefined],
  ['pest-nursery', '苗圃常见病害防治', '立枯病、猝倒病等苗圃病害的预防和处理，育苗期间的田间管理。', 'offline', 2, ['病虫害防治'], FRONT, ['育苗'], undefined],
  ['pest-quarantine', '植物检疫与林产品调运检疫', '林产品调运检疫的程序和要求，检疫证书查验，违规调运的处罚。', 'article', 1, ['病虫害防治', '政策法规'], ALL, [], undefined],
  ['pest-forecast', '病虫害发生趋势预测与防治方案编制', '根据监测数据预测发生趋势，编制年度防治方案和应急预案。', 'live', 2, ['病虫害防治'], FRONT, ['病虫害监测', '营林'], undefined],
  ['pest-pesticide-safety', '农药安全使用与个人防护', '林用农药的分类、配制、施用和储存安全，作业人员的个人防护。', 'video', 1, ['病虫害防治', '安全生产'], FRONT, [], undefined],
  // 政策法规
  ['law-forest-law', '新修订《森林法》要点解读', '新修订《森林法》在林地保护、采伐管理和法律责任方面的主要变化。', 'video', 2, ['政策法规'], OFFICE, [], 25],
  ['law-grassland-wetland', '湿地保护法与林区湿地管理', '《湿地保护法》的主要制度，林区湿地的保护利用和执法要求。', 'article', 1.5, ['政策法规'], ALL, [], undefined],
  ['law-state-forest-reform', '重点国有林区改革政策', '重点国有林区改革的目标任务和政策措施，政企分开、事企分开的进展。', 'live', 2, ['政策法规', '企业管理'], OFFICE, ['政策研究', '企业管理'], undefined],
  ['law-natural-forest', '天然林保护修复制度方案', '天然林全面保护的政策要求、管护责任和补助资金管理。', 'article', 1.5, ['政策法规'], ALL, ['政策研究', '营林'], undefined],
  ['law-forest-chief', '林长制与林草资源保护责任', '林长制的组织体系和考核办法，各级林长的职责和巡林要求。', 'video', 1.5, ['政策法规'], ALL, [], undefined],
  ['law-admin-procedure', '行政执法程序与林业行政案件办理', '林业行政案件的立案、调查、处罚和文书制作，规范执法的要点。', 'offline', 3, ['政策法规'], OFFICE, ['政策研究'], undefined],
  ['law-contracts', '国有企业合同管理与法律风险防范', '合同订立、审核和履行中的常见风险，国企法律顾问制度。', 'video', 2, ['政策法规', '企业管理'], OFFICE, ['企业管理', '财务'], undefined],
  ['law-labor', '劳动合同法与林区职工权益', '劳动合同订立、变更和解除的规定，职工权益保障和劳动争议处理。', 'article', 1.5, ['政策法规'], OFFICE, ['人事'], undefined],
  ['law-policy-writing', '政策研究报告的写作方法', '如何选题、调研和提出对策建议，写出有分量的政策研究报告。', 'live', 2, ['政策法规'], OFFICE, ['政策研究', '宣传'], undefined],
  ['law-data-security', '数据安全法与单位信息保护', '《数据安全法》《个人信息保护法》对单位的要求，日常办公中的信息保护。', 'video', 1, ['政策法规'], OFFICE, ['信息化'], undefined],
  // 企业管理
  ['mgmt-governance', '国有林区改革与现代企业治理', '建立中国特色现代企业制度，把党的领导融入公司治理各环节。', 'video', 2, ['企业管理', '党章党规'], OFFICE, [], 40],
  ['mgmt-budget', '全面预算管理实务', '预算编制、执行控制和考核分析，预算管理在林业企业中的落地。', 'offline', 3, ['企业管理'], OFFICE, ['财务', '企业管理'], undefined],
  ['mgmt-internal-control', '国有企业内部控制与风险管理', '内控体系建设、重点领域风险识别和内控评价。', 'video', 2, ['企业管理'], OFFICE, ['财务', '企业管理'], undefined],
  ['mgmt-hr-performance', '绩效管理与薪酬分配', '岗位价值评估、绩效考核指标设计和薪酬分配改革。', 'article', 1.5, ['企业管理'], OFFICE, ['人事'], undefined],
  ['mgmt-project', '林业工程项目管理', '造林、管护和基础设施项目的计划、进度、质量和资金管理。', 'video', 2, ['企业管理'], ALL, ['企业管理', '营林'], undefined],
  ['mgmt-digital', '林业企业数字化转型', '数字林业平台、智能管护系统和办公数字化的推进路径。', 'live', 1.5, ['企业管理'], OFFICE, ['信息化', '企业管理'], undefined],
  ['mgmt-state-assets', '国有资产管理与监督', '国有资产登记、处置和交易的规定，防止国有资产流失。', 'article', 1.5, ['企业管理', '政策法规'], OFFICE, ['财务'], undefined],
  ['mgmt-communication', '企业宣传与舆情应对', '新闻稿写作、新媒体运营和突发舆情的应对流程。', 'video', 1.5, ['企业管理'], OFFICE, ['宣传'], undefined],
  ['mgmt-team', '基层班组管理与带队伍方法', '林场、管护站班组建设，如何分工、激励和做思想工作。', 'article', 1, ['企业管理'], FRONT, ['营林', '护林'], undefined],
  ['mgmt-finance-basics', '非财务人员的财务知识', '看懂财务报表、成本核算和费用报销规定，适合各岗位管理人员。', 'video', 1.5, ['企业管理'], ALL, [], undefined],
  // 党史
  ['history-khingan', '东北抗联精神与大兴安岭开发建设史', '从东北抗联到开发建设大兴安岭，几代林业人的奋斗历程和精神传承。', 'video', 2, ['党史'], ALL, [], 30],
  ['history-century', '中国共产党百年奋斗的重大成就和历史经验', '学习党的十九届六中全会决议，把握党百年奋斗的重大成就和历史经验。', 'video', 3, ['党史', '理论学习'], ALL, [], undefined],
  ['history-reform-opening', '改革开放史专题', '改革开放的历史进程和伟大成就，国有林区改革在其中的位置。', 'article', 2, ['党史'], ALL, [], undefined],
  ['history-1987-fire', '1987年大兴安岭特大火灾的历史教训', '回顾1987年“五·六”大火的扑救和重建，总结防火体系建设的历史经验。', 'video', 1.5, ['党史', '森林防火'], ALL, [], undefined],
  ['history-heroes', '林区英模人物事迹学习', '马永顺等林业英模的先进事迹，学习榜样，立足岗位作贡献。', 'article', 1, ['党史'], ALL, [], undefined],
  ['history-new-china', '新中国史专题：社会主义建设时期', '社会主义革命和建设时期的重大事件，林业在国家建设中的贡献。', 'live', 2, ['党史'], ALL, [], undefined],
  ['history-red-sites', '红色教育基地现场教学', '组织参观东北抗联遗址和林区开发纪念馆，开展现场教学和主题党日。', 'offline', 4, ['党史'], ALL, [], undefined],
  ['history-oral', '老党员口述林区建设史', '离退休老党员讲述当年开发建设的亲身经历，适合组织离退休党员共同学习。', 'video', 1, ['党史'], ['retiree'], ['老党员'], undefined],
  // 党章党规
  ['rules-constitution', '《中国共产党章程》逐条学习', '逐条学习党章，理解党员的义务和权利、组织制度和纪律要求。', 'article', 3, ['党章党规'], ALL, [], 15],
  ['rules-discipline', '《中国共产党纪律处分条例》学习', '党纪学习教育：六项纪律的具体规定和典型违纪案例分析。', 'video', 2, ['党章党规'], ALL, [], 35],
  ['rules-branch-work', '党支部工作条例与“三会一课”', '党支部的职责、组织生活制度和“三会一课”的规范开展。', 'video', 2, ['党章党规'], ALL, [], undefined],
  ['rules-member-education', '党员教育管理工作条例解读', '党员教育的内容、方式和管理要求，每年集中学习培训不少于32学时。', 'article', 1.5, ['党章党规'], ALL, [], undefined],
  ['rules-probationary', '预备党员的教育考察与转正', '预备期的培养教育、考察内容和转正程序，预备党员必读。', 'article', 1.5, ['党章党规'], ['probationary'], [], undefined],
  ['rules-mobile-members', '流动党员管理与组织关系转接', '流动党员的组织生活参加方式和组织关系转接程序。', 'article', 1, ['党章党规'], ['mobile'], [], undefined],
  ['rules-integrity', '廉洁从业与作风建设', '国有企业领导人员廉洁从业若干规定，八项规定精神的具体要求。', 'video', 2, ['党章党规'], OFFICE, [], undefined],
  ['rules-dues', '党费收缴使用和管理规定', '党费的计算基数、交纳标准和使用管理，按月足额交纳党费。', 'article', 1, ['党章党规'], ALL, [], undefined],
  ['rules-democratic-appraisal', '民主评议党员与组织生活会', '民主评议党员的程序，组织生活会上如何开展批评和自我批评。', 'video', 1, ['党章党规'], ALL, [], undefined],
  ['rules-secretary', '党支部书记履职能力提升', '支部书记抓党建的职责清单、工作方法和常见问题。', 'offline', 4, ['党章党规', '企业管理'], ALL, [], undefined],
  // 安全生产
  ['safety-law', '安全生产法与林区作业安全', '新《安全生产法》的主要规定，林区采伐、营林和运输作业的安全要求。', 'video', 2, ['安全生产', '政策法规'], FRONT, [], 20],
  ['safety-chainsaw', '油锯安全操作规程', '油锯的检查、启动、伐木和造材操作规范，常见事故的预防。', 'offline', 2, ['安全生产'], FRONT, ['营林', '装备维护'], undefined],
  ['safety-first-aid', '野外急救与自救互救', '外伤止血包扎、骨折固定、蛇虫咬伤和失温的现场处置。', 'offline', 3, ['安全生产'], ALL, ['护林', '扑火', '防火巡护'], undefined],
  ['safety-winter', '冬季林区作业防冻与防滑', '严寒条件下的作业安全、防冻伤和冰雪路面行车安全。', 'video', 1, ['安全生产'], FRONT, [], undefined],
  ['safety-vehicles', '林区道路交通安全', '林区道路特点、车辆检查和安全驾驶，运材车辆管理规定。', 'article', 1, ['安全生产'], FRONT, ['装备维护'], undefined],
  ['safety-office-fire', '办公场所消防安全', '办公楼消防设施的使用、火灾报警和疏散逃生。', 'video', 0.5, ['安全生产'], OFFICE, [], undefined],
  ['safety-hazard-check', '隐患排查治理与双重预防机制', '安全风险分级管控和隐患排查治理的方法，隐患台账的建立。', 'live', 2, ['安全生产', '企业管理'], ALL, ['安全生产'], undefined],
  ['safety-emergency-plan', '生产安全事故应急预案与演练', '应急预案的编制、评审和演练组织，事故报告程序。', 'article', 1.5, ['安全生产'], OFFICE, ['安全生产'], undefined],
  ['safety-wildlife', '野外作业遇到野生动物的应对', '林区常见野生动物的习性，巡护中遇到熊、野猪等动物的避险方法。', 'video', 1, ['安全生产'], FRONT, ['护林', '防火巡护'], undefined],
  // 林下经济
  ['econ-blueberry', '蓝莓种植与采收技术', '大兴安岭野生蓝莓的抚育、人工种植和采收储运技术。', 'video', 2, ['林下经济'], ALL, ['林下经济', '育苗'], undefined],
  ['econ-fungi', '林下食用菌栽培', '黑木耳、猴头菇等林下食用菌的栽培技术和市场行情。', 'offline', 3, ['林下经济'], ALL, ['林下经济'], undefined],
  ['econ-herbs', '北药种植：林下中药材', '适合寒温带林下种植的中药材品种，种植技术和采收加工。', 'video', 2, ['林下经济'], ALL, ['林下经济'], undefined],
  ['econ-ecotourism', '森林生态旅游开发与服务', '森林旅游线路设计、接待服务和安全管理，生态旅游的发展前景。', 'live', 1.5, ['林下经济', '企业管理'], ALL, ['林下经济', '企业管理'], undefined],
  ['econ-ecommerce', '林特产品电商销售', '网店开设、直播带货和冷链物流，林区特产品牌建设。', 'video', 1.5, ['林下经济'], ALL, ['林下经济', '宣传'], undefined],
  ['econ-cooperative', '林下经济合作社的组织与管理', '合作社的设立、经营和分配制度，带动职工群众增收。', 'article', 1.5, ['林下经济', '企业管理'], ALL, ['林下经济'], undefined],
  ['econ-policy', '林下经济扶持政策解读', '国家和省级林下经济扶持政策、补贴申报条件和程序。', 'article', 1, ['林下经济', '政策法规'], ALL, ['林下经济', '政策研究'], undefined],
  ['econ-wild-resources', '野生植物资源的保护与合理利用', '野生植物采集的法律规定和可持续利用方法，防止过度采摘。', 'video', 1, ['林下经济', '政策法规'], FRONT, ['护林'], undefined],
  // 碳汇
  ['carbon-basics', '林业碳汇基础知识', '森林如何固碳，林业碳汇的概念和在“双碳”目标中的作用。', 'video', 1.5, ['碳汇'], ALL, [], undefined],
  ['carbon-measurement', '林业碳汇计量与监测方法', '碳汇计量的样地设置、生物量测定和碳储量计算方法。', 'offline', 3, ['碳汇'], ALL, ['碳汇计量', '营林'], undefined],
  ['carbon-projects', '林业碳汇项目开发与交易', '碳汇项目的方法学、开发流程和碳市场交易规则。', 'live', 2, ['碳汇', '企业管理'], OFFICE, ['碳汇计量', '企业管理'], undefined],
  ['carbon-forest-management', '提升森林质量与增汇经营', '抚育间伐、补植补造等增汇经营措施，森林质量精准提升。', 'video', 2, ['碳汇'], FRONT, ['营林', '育苗'], undefined],
  ['carbon-policy', '“双碳”目标与林草碳汇政策', '国家“双碳”战略部署和林草碳汇行动方案。', 'article', 1, ['碳汇', '政策法规'], ALL, ['政策研究', '碳汇计量'], undefined],
  ['carbon-wetland', '湿地与泥炭地的碳汇作用', '大兴安岭湿地和泥炭地的碳储量及其保护意义。', 'article', 1, ['碳汇'], ALL, [], undefined],
  // 理论学习
  ['theory-ecology', '习近平生态文明思想专题学习', '“绿水青山就是金山银山”的科学内涵，林区生态保护和高质量发展。', 'video', 3, ['理论学习'], ALL, [], 45],
  ['theory-congress', '党的二十大精神学习辅导', '党的二十大报告的主要内容和重大部署，结合林区实际抓好贯彻落实。', 'video', 3, ['理论学习'], ALL, [], undefined],
  ['theory-northeast', '新时代东北全面振兴的重要论述', '推动东北全面振兴的重大部署，国有林区在振兴中的担当。', 'live', 2, ['理论学习'], ALL, [], undefined],
  ['theory-state-enterprise', '关于国有企业改革发展和党的建设的重要论述', '坚持党对国有企业的领导，做强做优做大国有资本。', 'article', 2, ['理论学习', '企业管理'], OFFICE, [], undefined],
  ['theory-mass-line', '党的群众路线与基层工作方法', '走好新时代群众路线，基层党组织联系服务群众的方法。', 'article', 1.5, ['理论学习'], ALL, [], undefined],
  ['theory-retiree-reading', '离退休党员读书班：理论学习读本', '为离退休党员编写的大字版理论读本，可送学上门。', 'offline', 2, ['理论学习'], ['retiree'], [], undefined],
  ['theory-youth', '青年党员理想信念教育', '青年党员的初心使命教育，扎根林区、建功立业。', 'video', 1.5, ['理论学习'], ['probationary', 'production', 'ranger', 'office'], [], undefined],
  ['theory-situation', '形势与政策：林业高质量发展', '林业和草原发展“十四五”规划要点与形势分析。', 'live', 1.5, ['理论学习', '政策法规'], ALL, ['政策研究'], undefined],
];
