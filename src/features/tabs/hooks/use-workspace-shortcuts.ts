import { useEffect, useRef } from 'react';
import { workspaceCommandFor, type WorkspaceCommand } from '../utils/keymap';

// Where Esc already has a job: closing a dialog or menu, leaving a list, reverting a text field.
const OWNS_ESCAPE = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], dialog';

/** Whether Esc at `target` belongs to the element rather than to "cancel the query". */
export function focusOwnsEscape(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest(OWNS_ESCAPE)) return true;
  // monaco's own inputs (its text area, the find box) answer Esc through its keybindings, which
  // mark the event handled when they act; otherwise Esc in the editor cancels, as in the web UI.
  if (target.closest('.monaco-editor')) return false;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable === true);
}

/**
 * Listens on the window in the bubbling phase, so the focused widget answers a key first: monaco
 * stops the events its keybindings handle (Esc closing suggestions, Ctrl+] indenting) before they
 * get here.
 */
export function useWorkspaceShortcuts(running: boolean, onCommand: (command: WorkspaceCommand) => void): void {
  const latest = useRef({ running, onCommand });
  latest.current = { running, onCommand };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = workspaceCommandFor(event, { running: latest.current.running, focusOwnsEscape: focusOwnsEscape(event.target) });
      if (!command) return;
      event.preventDefault();
      latest.current.onCommand(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
