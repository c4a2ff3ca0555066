import type { Member } from '@shared/api';

/** One page of people as the roster search answers it. */
export interface PersonPage {
  items: Member[];
  nextCursor?: string;
}

export type FetchPeople = (query: string, cursor?: string) => Promise<PersonPage>;

export interface PersonSearchState {
  /** What the searcher typed (name, pinyin or initials). */
  query: string;
  people: Member[];
  loading: boolean;
  /** The Chinese message of the last failure, or null. */
  error: string | null;
  /** More matches may follow: offer 「加载更多」. */
  hasMore: boolean;
}

export const INITIAL_PERSON_SEARCH: PersonSearchState = { query: '', people: [], loading: false, error: null, hasMore: false };

/**
 * The person picker's search, without React: each new query starts over from the first page, pages append
 * without repeating anyone, and a reply that arrives after a newer query was typed is dropped, so the list
 * always belongs to the text in the box.
 */
export class PersonSearch {
  private state: PersonSearchState = INITIAL_PERSON_SEARCH;
  private cursor: string | undefined;
  /** Bumped by every request; a reply carrying an older number is stale. */
  private generation = 0;

  constructor(
    private readonly fetchPage: FetchPeople,
    private readonly onChange: (state: PersonSearchState) => void,
    private readonly describeError: (reason: unknown) => string,
  ) {}

  current(): PersonSearchState {
    return this.state;
  }

  /** Starts a search for `query` (an empty one lists everyone in the searcher's scope). */
  search(query: string): Promise<void> {
    this.cursor = undefined;
    this.set({ query, people: [], hasMore: false });
    return this.load(true);
  }

  /** The next page of the current search; nothing while a page is loading or none is left. */
  loadMore(): Promise<void> {
    if (this.state.loading || !this.state.hasMore) return Promise.resolve();
    return this.load(false);
  }

  private async load(fresh: boolean): Promise<void> {
    const generation = ++this.generation;
    const query = this.state.query.trim();
    this.set({ loading: true, error: null });
    try {
      const page = await this.fetchPage(query, fresh ? undefined : this.cursor);
      if (generation !== this.generation) return;
      this.cursor = page.nextCursor;
      const known = new Set(this.state.people.map((person) => person.userId));
      const added = page.items.filter((person) => !known.has(person.userId));
      this.set({ people: [...this.state.people, ...added], loading: false, hasMore: page.nextCursor !== undefined });
    } catch (reason) {
      if (generation !== this.generation) return;
      this.set({ loading: false, error: this.describeError(reason) });
    }
  }

  private set(change: Partial<PersonSearchState>): void {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
  }
}
