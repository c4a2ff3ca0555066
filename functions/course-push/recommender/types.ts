import type { CourseSettings } from '../../../shared/api/courses';
import type { MemberCategory } from '../../../shared/api/identity-model';

/** What the recommender knows of a course: its text features come segmented (see text.ts). */
export interface CourseFeatures {
  courseId: string;
  title: string;
  tags: string[];
  titleTerms: string[];
  summaryTerms: string[];
  targetCategories: MemberCategory[];
  targetPosts: string[];
  required: boolean;
  dueDate?: string;
  publishedAt: string;
}

export interface MemberProfile {
  category: MemberCategory;
  postTags: string[];
  branchId: string;
}

/** One course in a member's learning history. */
export interface LearningFact {
  courseId: string;
  progress: number;
  completed: boolean;
  completedAt?: string;
  quizScore?: number;
  rating?: number;
  updatedAt: string;
}

/** Learned from everyone's history by the model job: item-to-item co-completion and what branches study now. */
export interface CoCompletionModel {
  neighbours: Map<string, Array<{ courseId: string; similarity: number }>>;
  /** branchId → courseId → members of the branch active on the course recently. */
  branchTrends: Map<string, Map<string, number>>;
}

export type RecommenderSettings = CourseSettings['recommender'];
export type SignalName = keyof RecommenderSettings['weights'];

export interface RankedCourse {
  courseId: string;
  kind: 'required' | 'continue' | 'recommended';
  score: number;
  reasons: string[];
  progress?: number;
}
