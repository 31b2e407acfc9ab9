import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { initialFocusIn, restoreFocus, tabbableIn } from './focusable';

/**
 * A modal dialog's keyboard rules (https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/): focus
 * moves into it when it opens, Tab and Shift+Tab wrap inside it, Esc closes it, and focus goes
 * back to whatever opened it. Spread the returned handler on the dialog element.
 */
export function useModalFocus(dialog: RefObject<HTMLElement | null>, onClose: () => void): (event: KeyboardEvent<HTMLElement>) => void {
  const latestClose = useRef(onClose);
  latestClose.current = onClose;

  useEffect(() => {
    const opener = document.activeElement;
    const root = dialog.current;
    if (root && !root.contains(document.activeElement)) (initialFocusIn(root) ?? root).focus();
    // A passive effect's cleanup runs after React removed the dialog, so focus has fallen to the
    // body unless the action that closed it moved focus on purpose.
    return () => {
      if (document.activeElement === null || document.activeElement === document.body) restoreFocus(opener);
    };
  }, [dialog]);

  return (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      latestClose.current();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const stops = tabbableIn(dialog.current);
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && (document.activeElement === first || !dialog.current.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };
}
