import type { CourseFeatures } from './types';

/**
 * Content vectors of courses: TF-IDF over tags (weighted most), title words and summary words, each
 * vector L2-normalised, stored sparse over one vocabulary so a member's profile can be a dense array.
 */
export interface SparseVector {
  indices: Int32Array;
  weights: Float64Array;
}

export interface ContentIndex {
  vocabularySize: number;
  vectors: Map<string, SparseVector>;
}

const FIELD_WEIGHTS = { tag: 3, title: 2, summary: 1 } as const;

function rawTerms(course: CourseFeatures): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string, weight: number) => terms.set(term, (terms.get(term) ?? 0) + weight);
  for (const tag of course.tags) add(`#${tag}`, FIELD_WEIGHTS.tag);
  for (const word of course.titleTerms) add(word, FIELD_WEIGHTS.title);
  for (const word of course.summaryTerms) add(word, FIELD_WEIGHTS.summary);
  return terms;
}

export function buildContentIndex(courses: readonly CourseFeatures[]): ContentIndex {
  const raw = courses.map((course) => [course.courseId, rawTerms(course)] as const);
  const documentFrequency = new Map<string, number>();
  for (const [, terms] of raw) for (const term of terms.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const vocabulary = new Map<string, number>();
  for (const term of documentFrequency.keys()) vocabulary.set(term, vocabulary.size);
  const vectors = new Map<string, SparseVector>();
  for (const [courseId, terms] of raw) {
    const entries = [...terms].map(([term, tf]) => [vocabulary.get(term)!, tf * Math.log(1 + courses.length / documentFrequency.get(term)!)] as const);
    const norm = Math.hypot(...entries.map(([, weight]) => weight)) || 1;
    vectors.set(courseId, {
      indices: Int32Array.from(entries.map(([index]) => index)),
      weights: Float64Array.from(entries.map(([, weight]) => weight / norm)),
    });
  }
  return { vocabularySize: vocabulary.size, vectors };
}

/** Adds `scale × vector` into a dense profile. */
export function addInto(profile: Float64Array, vector: SparseVector, scale: number): void {
  for (let k = 0; k < vector.indices.length; k += 1) profile[vector.indices[k]!]! += scale * vector.weights[k]!;
}

export function dot(profile: Float64Array, vector: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < vector.indices.length; k += 1) sum += profile[vector.indices[k]!]! * vector.weights[k]!;
  return sum;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const weightOf = new Map<number, number>();
  for (let k = 0; k < a.indices.length; k += 1) weightOf.set(a.indices[k]!, a.weights[k]!);
  let sum = 0;
  for (let k = 0; k < b.indices.length; k += 1) sum += (weightOf.get(b.indices[k]!) ?? 0) * b.weights[k]!;
  return sum;
}

export function norm(profile: Float64Array): number {
  let sum = 0;
  for (const value of profile) sum += value * value;
  return Math.sqrt(sum);
}
