import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { clampSize, parseStoredSize, sizeAfterKey } from './splitter-size';
import { localStore, readStored, writeStored } from './storage';

export interface SplitterOptions {
  /** Where the size is remembered (per user: the caller puts the account in the key). */
  storageKey: string;
  initial: number;
  min: number;
  /** The largest size the space allows now. */
  max: number;
  step?: number;
}

/**
 * Size of the pane above a horizontal window splitter
 * (https://www.w3.org/WAI/ARIA/apg/patterns/windowsplitter/): dragged with the pointer, moved with
 * the arrow keys, Home and End, remembered in local storage. Spread `separatorProps` on the element
 * between the panes and give it an accessible name.
 */
export function useSplitter({ storageKey, initial, min, max, step = 16 }: SplitterOptions) {
  const [size, setSize] = useState(() => parseStoredSize(readStored(localStore(), storageKey)) ?? initial);
  const drag = useRef<{ startY: number; startSize: number } | null>(null);
  const latest = useRef(size);
  latest.current = size;

  const commit = useCallback((next: number) => {
    setSize(next);
    writeStored(localStore(), storageKey, String(next));
  }, [storageKey]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const next = sizeAfterKey(latest.current, e, { min, max, step });
    if (next === null) return;
    e.preventDefault();
    commit(next);
  };

  const onPointerDown = (e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { startY: e.clientY, startSize: latest.current };
  };
  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    if (!drag.current) return;
    setSize(clampSize(drag.current.startSize + e.clientY - drag.current.startY, { min, max }));
  };
  const onPointerUp = (e: PointerEvent<HTMLElement>) => {
    if (!drag.current) return;
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
    commit(latest.current);
  };

  // The size the layout gets: never past what the space allows now (a smaller window, a reload at another size).
  const shown = clampSize(size, { min, max });
  return {
    size: shown,
    separatorProps: {
      role: 'separator',
      tabIndex: 0,
      'aria-orientation': 'horizontal' as const,
      'aria-valuemin': min,
      'aria-valuemax': Math.max(min, Math.round(max)),
      'aria-valuenow': shown,
      'aria-valuetext': `Editor ${shown} pixels high`,
      onKeyDown,
      onPointerDown,
      onPointerMove,
      onPointerUp,
    },
  };
}
