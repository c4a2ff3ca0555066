import type { SuggestionCategory, SuggestionEvent, SuggestionStatus } from '../../shared/api/suggestions';
import type { ModerationHit, ModerationVerdict } from '../../shared/moderation';

/** A suggestion as stored. An anonymous one has no authorId / authorName: only ownerTag. */
export interface StoredSuggestion {
  id: string;
  title: string;
  content: string;
  category: SuggestionCategory;
  anonymous: boolean;
  authorId?: string;
  authorName?: string;
  ownerTag: string;
  branchId: string;
  status: SuggestionStatus;
  moderation: {
    verdict: ModerationVerdict;
    categories: string[];
    titleHits: ModerationHit[];
    contentHits: ModerationHit[];
    secondOpinion?: string;
  };
  review?: { decision: 'approve' | 'reject'; reason?: string; at: string; reviewerId: string; reviewerName: string };
  assignee?: { userId: string; name: string };
  reply?: { text: string; byId: string; byName: string; at: string };
  rating?: number;
  createdAt: string;
  updatedAt: string;
}

/** One step in a suggestion's history; the actor is absent when it is the author of an anonymous suggestion. */
export interface StoredEvent extends SuggestionEvent {
  actorId?: string;
}
