/**
 * The workspace's own keyboard shortcuts, as in the ADX web UI
 * (https://learn.microsoft.com/azure/data-explorer/web-ui-query-keyboard-shortcuts): which key
 * press means which command, and the list the "Keyboard shortcuts" help shows. Pure: the hook that listens on the window supplies the context.
 *
 * Letters and brackets are matched by `code` (the physical key): with Ctrl+Alt held, layouts that
 * treat the pair as AltGr report another `key` (on a German layout Ctrl+Alt+8 types "[").
 *
 * Ctrl+J is not among the combinations Chromium keeps from pages (Ctrl+N, Ctrl+T, Ctrl+W and their
 * Shift forms): the page sees it first and preventDefault keeps the Downloads page closed.
 */

export type WorkspaceCommand = 'cancel-query' | 'new-tab' | 'next-tab' | 'previous-tab' | 'reopen-closed-tab';

/** The fields of a KeyboardEvent the keymap reads. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** Someone nearer the focus (monaco closing its suggestions, a dialog) already acted on it. */
  defaultPrevented: boolean;
}

export interface KeyContext {
  /** A query of the active tab is running: Esc cancels only then. */
  running: boolean;
  /**
   * Focus is where Esc already means something: a dialog, a menu, a suggestion list, a text field
   * (reverting an inline rename). The query editor itself is not one of them.
   */
  focusOwnsEscape: boolean;
}

/** Ctrl on Windows and Linux, Cmd on macOS. */
function primary(press: KeyPress): boolean {
  return press.ctrlKey || press.metaKey;
}

export function workspaceCommandFor(press: KeyPress, context: KeyContext): WorkspaceCommand | null {
  if (press.key === 'Escape') {
    const bare = !primary(press) && !press.altKey && !press.shiftKey;
    return bare && context.running && !press.defaultPrevented && !context.focusOwnsEscape ? 'cancel-query' : null;
  }
  if (press.defaultPrevented) return null;
  if (press.key === 'Enter' && press.shiftKey && primary(press) && !press.altKey) return 'cancel-query';
  if (press.code === 'KeyJ' && primary(press) && !press.altKey && !press.shiftKey) return 'new-tab';
  if (press.code === 'KeyT' && primary(press) && press.altKey && press.shiftKey) return 'reopen-closed-tab';
  if (primary(press) && press.altKey && !press.shiftKey) {
    if (press.code === 'BracketRight') return 'next-tab';
    if (press.code === 'BracketLeft') return 'previous-tab';
  }
  return null;
}

export interface ShortcutHelpEntry {
  /** Alternatives, each a key combination as the user presses it. */
  keys: readonly string[];
  action: string;
}

export interface ShortcutHelpGroup {
  title: string;
  entries: readonly ShortcutHelpEntry[];
}

/** What the help dialog lists: the workspace's commands and the editor keys people ask about. */
export const SHORTCUT_HELP: readonly ShortcutHelpGroup[] = [
  {
    title: 'Run',
    entries: [
      { keys: ['Shift+Enter'], action: 'Run the statement at the cursor, or the selection' },
      { keys: ['Esc', 'Ctrl+Shift+Enter'], action: 'Cancel the running query' },
      { keys: ['F8'], action: "Show this query's last result from history" },
    ],
  },
  {
    title: 'Tabs',
    entries: [
      { keys: ['Ctrl+J'], action: 'New tab' },
      { keys: ['Ctrl+Alt+]'], action: 'Next tab' },
      { keys: ['Ctrl+Alt+['], action: 'Previous tab' },
      { keys: ['Ctrl+Shift+Alt+T'], action: 'Reopen the last closed tab' },
      { keys: ['Delete'], action: 'Close the focused tab' },
      { keys: ['F2'], action: 'Rename the focused tab' },
    ],
  },
  {
    title: 'Editor',
    entries: [
      { keys: ['Ctrl+M'], action: 'Tab moves focus out of the editor (press again to type tabs)' },
      { keys: ['Ctrl+Space'], action: 'Show suggestions' },
      { keys: ['Ctrl+/'], action: 'Comment or uncomment lines' },
      { keys: ['Ctrl+F'], action: 'Find in the query' },
      { keys: ['Shift+Alt+F'], action: 'Format the query' },
    ],
  },
  {
    title: 'Results grid',
    entries: [
      { keys: ['Arrow keys', 'Home', 'End', 'Page Up', 'Page Down'], action: 'Move between cells' },
      { keys: ['Enter'], action: 'On a column header: sort by it; on a long or dynamic value: open it' },
      { keys: ['Shift+Arrow keys'], action: 'Select a range' },
      { keys: ['Ctrl+C'], action: 'Copy the selection as tab-separated text' },
      { keys: ['Tab'], action: 'Leave the grid' },
    ],
  },
  {
    title: 'Share',
    entries: [{ keys: ['Shift+Alt+L'], action: 'Copy a link to the query' }],
  },
];
