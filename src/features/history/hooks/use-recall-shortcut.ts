import { useEffect, useRef } from 'react';

/**
 * F8: show the kept result of the current query again, without a request to the cluster.
 * Capture phase on window, so it works while Monaco has focus (Monaco binds no F8 in KQL mode).
 */
export function useRecallShortcut(onRecall: () => void, enabled = true): void {
  const handler = useRef(onRecall);
  handler.current = onRecall;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'F8' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        e.stopPropagation();
        handler.current();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
