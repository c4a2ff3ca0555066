import type { SuggestionCategory, SuggestionEvent, SuggestionStatus } from '../../shared/api/suggestions';
import type { ModerationHit, ModerationVerdict } from '../../shared/moderation';

/**
 * A suggestion as stored. A named one carries authorId / authorName; an anonymous one only `ownerHash`, the
 * hash of the secret its author's app keeps (threat model: keys.ts).
 */
export interface StoredSuggestion {
  id: string;
  title: string;
  content: string;
  category: SuggestionCategory;
  anonymous: boolean;
  authorId?: string;
  authorName?: string;
  ownerHash?: string;
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
