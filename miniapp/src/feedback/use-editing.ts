import { useState } from 'react';

/** Which item of a list has its editor open; saving closes it and reloads the list. */
export function useEditing(reload: () => void) {
  const [editing, setEditing] = useState<string | null>(null);
  return {
    isEditing: (key: string) => editing === key,
    toggle: (key: string) => setEditing(editing === key ? null : key),
    saved: () => {
      setEditing(null);
      reload();
    },
  };
}
