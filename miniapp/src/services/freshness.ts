/**
 * What an action changed, told to every page still open: a page below in the stack (the dues list under a
 * bill, an activity list under its detail) is not mounted again when the member comes back, so it reloads the
 * reads an action touched instead of showing what it knew before. Names are the cache names of
 * `useCachedCall` (`dues.bills.2026`); announcing a prefix (`dues.bills.`) reaches all of them.
 */
type Listener = (changed: string) => void;

const listeners = new Set<Listener>();

export function announceChange(namePrefix: string): void {
  listeners.forEach((listener) => listener(namePrefix));
}

/** Calls `onChange` whenever an announced prefix covers `name`; returns the unsubscribe. */
export function watchChanges(name: string, onChange: () => void): () => void {
  const listener: Listener = (changed) => {
    if (name.startsWith(changed)) onChange();
  };
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
