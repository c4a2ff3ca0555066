import { useEffect, useState } from 'react';
import { isOnline, onConnectionChange } from '../services/connection';

/** Whether the device has a network now; re-renders when it comes or goes. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(isOnline);
  useEffect(() => {
    setOnline(isOnline());
    return onConnectionChange(setOnline);
  }, []);
  return online;
}
