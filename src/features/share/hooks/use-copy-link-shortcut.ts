import { useEffect, useRef } from 'react';

/**
 * Shift+Alt+L, as in the ADX web UI. Listens in the capture phase on window so Monaco, which handles
 * keys on its own textarea, doesn't swallow it; matches `code` because Alt changes `key` on macOS.
 */
export function useCopyLinkShortcut(onCopyLink: () => void, enabled = true): void {
  const handler = useRef(onCopyLink);
  handler.current = onCopyLink;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.shiftKey && e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyL') {
        e.preventDefault();
        e.stopPropagation();
        handler.current();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
