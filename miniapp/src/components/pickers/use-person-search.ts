import { useEffect, useRef, useState } from 'react';
import { identityApi, type Role } from '@shared/api';
import { call, messageOf } from '../../services/api';
import { INITIAL_PERSON_SEARCH, PersonSearch, type PersonSearchState } from './person-search';

/** Matches per page: a phone screen and a half. */
const PAGE_SIZE = 20;
/** Typing pauses this long before the roster is asked, so one word is one request, not one per letter. */
const TYPING_PAUSE_MS = 300;

export interface PersonSearchHook extends PersonSearchState {
  type: (text: string) => void;
  loadMore: () => void;
  retry: () => void;
}

/** The roster search behind the person picker and the 花名册, within the signed-in searcher's scope. */
export function usePersonSearch(roles?: readonly Role[], branchId?: string): PersonSearchHook {
  const [state, setState] = useState<PersonSearchState>(INITIAL_PERSON_SEARCH);
  const [text, setText] = useState('');
  const filter = `${roles?.join(',') ?? ''}|${branchId ?? ''}`;
  const searchRef = useRef<PersonSearch | null>(null);
  const typed = useRef(false);

  useEffect(() => {
    const search = new PersonSearch(
      (q, cursor) =>
        call(identityApi.listMembers, {
          query: {
            limit: PAGE_SIZE,
            ...(q ? { q } : {}),
            ...(roles && roles.length > 0 ? { roles: roles.join(',') } : {}),
            ...(branchId ? { branchId } : {}),
            ...(cursor ? { cursor } : {}),
          },
        }),
      setState,
      messageOf,
    );
    searchRef.current = search;
    void search.search(text);
    // A new filter is a new search object; the text is read as it is at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter]);

  useEffect(() => {
    if (!typed.current) return undefined;
    const timer = setTimeout(() => void searchRef.current?.search(text), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return {
    ...state,
    query: text,
    type: (next) => {
      typed.current = true;
      setText(next);
    },
    loadMore: () => void searchRef.current?.loadMore(),
    retry: () => void searchRef.current?.search(text),
  };
}
