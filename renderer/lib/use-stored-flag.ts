/** A yes/no preference remembered on this machine between runs (localStorage), false until set. */
import { useCallback, useEffect, useState } from 'react';

export function readStoredFlag(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === 'true';
  } catch {
    return false;
  }
}

export function useStoredFlag(key: string): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState<boolean>(() => readStoredFlag(key));
  useEffect(() => {
    try {
      window.localStorage.setItem(key, String(value));
    } catch {
      /* storage may be unavailable; the choice then lasts for this run */
    }
  }, [key, value]);
  return [value, useCallback((next: boolean) => setValue(next), [])];
}
