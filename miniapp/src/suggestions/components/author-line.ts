import type { HandledSuggestion } from '@shared/api';

/** Who wrote a suggestion and where, as handlers and reviewers see it (an anonymous author is nobody). */
export function authorLine(suggestion: Pick<HandledSuggestion, 'author' | 'branchName'>): string {
  return `${suggestion.author.anonymous ? '匿名' : suggestion.author.name} · ${suggestion.branchName}`;
}
