/**
 * The device storage the offline queues and caches sit on, behind a small interface so their logic runs in
 * plain unit tests (a Map) as well as on Taro storage.
 */
export interface KeyValueStore {
  /** Throws when storage cannot be read at all. */
  get(key: string): unknown;
  /** Throws when storage refuses the write (full, or unavailable). */
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

export interface LoadedList<T> {
  items: T[];
  /** Entries that were there but could not be understood (corrupted storage, an older app version). */
  lost: number;
}

/** weapp hands back what was stored; a value written by hand or by an old version may be a JSON string. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Reads a stored list, keeping every entry that still makes sense and counting those that do not. */
export function loadList<T>(store: KeyValueStore, key: string, isValid: (value: unknown) => value is T): LoadedList<T> {
  let raw: unknown;
  try {
    raw = decoded(store.get(key));
  } catch {
    return { items: [], lost: 0 };
  }
  if (raw === '' || raw === undefined || raw === null) return { items: [], lost: 0 };
  if (!Array.isArray(raw)) return { items: [], lost: 1 };
  const items = raw.filter(isValid);
  return { items, lost: raw.length - items.length };
}

/** Writes a list (an empty one is removed); false when storage refused it. */
export function saveList<T>(store: KeyValueStore, key: string, items: readonly T[]): boolean {
  try {
    if (items.length > 0) store.set(key, items);
    else store.remove(key);
    return true;
  } catch {
    return false;
  }
}
