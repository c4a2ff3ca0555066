/**
 * `npm run bench:recommend` — offline evaluation of the course recommender against the issue's baselines
 * (popularity, user-based CF) on seeded learning histories, then the batch time and memory for
 * 10,000 members × 500 courses (targets: < 30 s, < 1 GB).
 */
import { DEFAULT_SETTINGS } from '../functions/course-push/settings';
import { buildCoCompletionModel } from '../functions/course-push/recommender/co-completion';
import { coverage, mean, precisionAt, recallAt } from '../functions/course-push/recommender/evaluation';
import { prepareCatalogue, Ranker } from '../functions/course-push/recommender/rank';
import { courseTerms } from '../functions/course-push/recommender/text';
import type { CourseFeatures, LearningFact } from '../functions/course-push/recommender/types';
import { popularity, userBasedCf } from './recommend-baselines';
import { generateCatalogue, generateMembers, holdOut, interactionsOf, seededRandom, type GeneratedCourse } from './recommend-history';

const SEED = 20_261_124;
const COURSES = 500;
const EVALUATION_MEMBERS = 3000;
const BATCH_MEMBERS = 10_000;
const HOLDOUT = 3;
const NOW = new Date('2026-11-24T02:00:00Z');

async function catalogue(random: () => number): Promise<GeneratedCourse[]> {
  const raw = generateCatalogue(random, COURSES, NOW);
  return Promise.all(raw.map(async (course) => ({ ...course, ...(await courseTerms(course.title, course.summary)) })));
}

const facts = (completions: Array<{ courseId: string; at: string }>): LearningFact[] =>
  completions.map((c) => ({ courseId: c.courseId, progress: 100, completed: true, completedAt: c.at, updatedAt: c.at }));

async function evaluate(courses: GeneratedCourse[]) {
  const members = generateMembers(seededRandom(SEED + 1), EVALUATION_MEMBERS, courses, NOW);
  const cases = holdOut(members, HOLDOUT, 3);
  const training = new Map(cases.map(({ member, training }) => [member.userId, new Set(training.map((c) => c.courseId))]));
  const popular = popularity(training);
  const cf = userBasedCf(training);
  const model = buildCoCompletionModel(cases.flatMap(({ member, training: t }) => interactionsOf(member, t)), NOW);
  const ours = new Ranker(prepareCatalogue(courses as CourseFeatures[]), model, DEFAULT_SETTINGS.recommender);
  const methods: Record<string, (c: (typeof cases)[number]) => string[]> = {
    popularity: ({ member }) => popular(training.get(member.userId)!, 10),
    'user-based CF (peers)': ({ member }) => cf(member.userId, 10),
    ours: ({ member, training: t }) => ours.rank(member, facts(t), NOW, 10).map((r) => r.courseId),
  };
  const rows = Object.entries(methods).map(([name, recommend]) => {
    const lists = cases.map((c) => recommend(c));
    return {
      name,
      p5: mean(cases.map((c, i) => precisionAt(5, lists[i]!, new Set(c.heldOut)))),
      r10: mean(cases.map((c, i) => recallAt(10, lists[i]!, new Set(c.heldOut)))),
      coverage: coverage(lists, courses.length),
    };
  });
  return { rows, evaluated: cases.length };
}

function batch(courses: GeneratedCourse[]) {
  const members = generateMembers(seededRandom(SEED + 2), BATCH_MEMBERS, courses, NOW);
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const model = buildCoCompletionModel(members.flatMap((m) => interactionsOf(m, m.completions)), NOW);
  const modelMs = performance.now() - started;
  const ranker = new Ranker(prepareCatalogue(courses as CourseFeatures[]), model, DEFAULT_SETTINGS.recommender);
  let listed = 0;
  for (const member of members) listed += ranker.rank(member, facts(member.completions), NOW, DEFAULT_SETTINGS.push.itemsPerNotice).length;
  const totalMs = performance.now() - started;
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { modelMs, totalMs, peakRss, listed };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));

async function main() {
  const courses = await catalogue(seededRandom(SEED));
  const { rows, evaluated } = await evaluate(courses);
  console.log(`offline evaluation: seed ${SEED}, ${COURSES} courses, ${EVALUATION_MEMBERS} members (${evaluated} with ≥ ${HOLDOUT + 3} completions), last ${HOLDOUT} completions held out`);
  console.log(`| ${pad('method', 22)} | precision@5 | recall@10 | coverage |`);
  console.log(`|${'-'.repeat(24)}|-------------|-----------|----------|`);
  for (const row of rows) console.log(`| ${pad(row.name, 22)} | ${pad(pct(row.p5), 11)} | ${pad(pct(row.r10), 9)} | ${pad(pct(row.coverage), 8)} |`);
  const ours = rows.find((row) => row.name === 'ours')!;
  const best = (key: 'p5' | 'r10') => Math.max(...rows.filter((row) => row.name !== 'ours').map((row) => row[key]));
  console.log(`ours vs best baseline: precision@5 ×${(ours.p5 / best('p5')).toFixed(2)}, recall@10 ×${(ours.r10 / best('r10')).toFixed(2)}`);

  const timing = batch(courses);
  console.log(`\nbatch: ${BATCH_MEMBERS.toLocaleString('en')} members × ${COURSES} courses, top ${DEFAULT_SETTINGS.push.itemsPerNotice} each (${timing.listed.toLocaleString('en')} items)`);
  console.log(`| step                     | time      | target  |`);
  console.log(`|--------------------------|-----------|---------|`);
  console.log(`| co-completion model      | ${pad(`${(timing.modelMs / 1000).toFixed(2)} s`, 9)} |         |`);
  console.log(`| model + all rankings     | ${pad(`${(timing.totalMs / 1000).toFixed(2)} s`, 9)} | < 30 s  |`);
  console.log(`| peak memory (RSS)        | ${pad(`${Math.round(timing.peakRss / 1024 / 1024)} MB`, 9)} | < 1 GB  |`);
  console.log(`time vs target ×${(timing.totalMs / 30_000).toFixed(3)}, memory vs target ×${(timing.peakRss / 1024 ** 3).toFixed(3)}`);
  const pass = ours.p5 > best('p5') && ours.r10 > best('r10') && timing.totalMs < 30_000 && timing.peakRss < 1024 ** 3;
  console.log(pass ? 'PASS: ours beats both baselines and meets the batch targets' : 'FAIL: see the figures above');
  if (!pass) process.exitCode = 1;
}

void main();
