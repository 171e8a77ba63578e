/** The widths of the folder and list panes, remembered on this machine between runs. */
import { useCallback, useEffect, useState } from 'react';

export interface PaneWidths {
  folders: number;
  list: number;
}

export const PANE_LIMITS = { folders: { min: 160, max: 400 }, list: { min: 240, max: 720 } } as const;
const DEFAULTS: PaneWidths = { folders: 220, list: 380 };
const KEY = 'sealmail.paneWidths';

function stored(): PaneWidths {
  try {
    const raw = JSON.parse(window.localStorage.getItem(KEY) ?? 'null') as Partial<PaneWidths> | null;
    const pick = (name: keyof PaneWidths) => {
      const value = raw?.[name];
      const { min, max } = PANE_LIMITS[name];
      return typeof value === 'number' && value >= min && value <= max ? value : DEFAULTS[name];
    };
    return { folders: pick('folders'), list: pick('list') };
  } catch {
    return DEFAULTS;
  }
}

export function usePaneWidths(): [PaneWidths, (name: keyof PaneWidths, width: number) => void] {
  const [widths, setWidths] = useState<PaneWidths>(stored);
  useEffect(() => {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(widths));
    } catch {
      /* storage may be unavailable; the widths then last for this run */
    }
  }, [widths]);
  const set = useCallback((name: keyof PaneWidths, width: number) => setWidths((old) => ({ ...old, [name]: width })), []);
  return [widths, set];
}
