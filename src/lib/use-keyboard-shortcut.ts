import { useEffect, useRef } from 'react';

/**
 * Calls `onPress` for a key press `matches` accepts, anywhere on the page. Capture phase on the
 * window, so it works while Monaco has focus: Monaco handles keys on its own textarea and would
 * otherwise swallow them. Only for keys the focused widget has no use for; the workspace's
 * context-dependent keys (Esc) go through useWorkspaceShortcuts, which listens after the widget.
 */
export function useKeyboardShortcut(matches: (press: KeyboardEvent) => boolean, onPress: () => void, enabled = true): void {
  const latest = useRef({ matches, onPress });
  latest.current = { matches, onPress };
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (!latest.current.matches(e)) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current.onPress();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
