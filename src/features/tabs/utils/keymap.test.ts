import { describe, expect, it } from 'vitest';
import { SHORTCUT_HELP, workspaceCommandFor, type KeyContext, type KeyPress } from './keymap';

function press(key: string, code: string, mods: Partial<Omit<KeyPress, 'key' | 'code'>> = {}): KeyPress {
  return { key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, defaultPrevented: false, ...mods };
}

const idle: KeyContext = { running: false, focusOwnsEscape: false };
const running: KeyContext = { running: true, focusOwnsEscape: false };
const esc = press('Escape', 'Escape');

describe('workspaceCommandFor: Esc', () => {
  it('cancels a running query', () => {
    expect(workspaceCommandFor(esc, running)).toBe('cancel-query');
  });

  it('does nothing when no query runs, so Esc keeps its other meanings', () => {
    expect(workspaceCommandFor(esc, idle)).toBeNull();
  });

  it("leaves Esc to monaco when it closed its suggestions (the event is defaultPrevented)", () => {
    expect(workspaceCommandFor({ ...esc, defaultPrevented: true }, running)).toBeNull();
  });

  it('leaves Esc to a dialog, menu or text field that has the focus', () => {
    expect(workspaceCommandFor(esc, { running: true, focusOwnsEscape: true })).toBeNull();
  });

  it('ignores Esc with modifiers', () => {
    expect(workspaceCommandFor(press('Escape', 'Escape', { shiftKey: true }), running)).toBeNull();
    expect(workspaceCommandFor(press('Escape', 'Escape', { ctrlKey: true }), running)).toBeNull();
  });
});

describe('workspaceCommandFor: tabs and cancel', () => {
  it('Ctrl+J (or Cmd+J) opens a new tab', () => {
    expect(workspaceCommandFor(press('j', 'KeyJ', { ctrlKey: true }), idle)).toBe('new-tab');
    expect(workspaceCommandFor(press('j', 'KeyJ', { metaKey: true }), idle)).toBe('new-tab');
    expect(workspaceCommandFor(press('j', 'KeyJ'), idle)).toBeNull();
    expect(workspaceCommandFor(press('J', 'KeyJ', { ctrlKey: true, shiftKey: true }), idle)).toBeNull();
  });

  it('Ctrl+Alt+] and Ctrl+Alt+[ switch tabs, by physical key whatever the layout types', () => {
    expect(workspaceCommandFor(press(']', 'BracketRight', { ctrlKey: true, altKey: true }), idle)).toBe('next-tab');
    expect(workspaceCommandFor(press('[', 'BracketLeft', { ctrlKey: true, altKey: true }), idle)).toBe('previous-tab');
    // AltGr layouts report another character for the same key.
    expect(workspaceCommandFor(press('ü', 'BracketLeft', { ctrlKey: true, altKey: true }), idle)).toBe('previous-tab');
    // Ctrl+] alone is monaco's indent.
    expect(workspaceCommandFor(press(']', 'BracketRight', { ctrlKey: true }), idle)).toBeNull();
  });

  it('Ctrl+Shift+Alt+T reopens a closed tab; Ctrl+Shift+T (the browser\'s) does not', () => {
    expect(workspaceCommandFor(press('T', 'KeyT', { ctrlKey: true, shiftKey: true, altKey: true }), idle)).toBe('reopen-closed-tab');
    expect(workspaceCommandFor(press('T', 'KeyT', { ctrlKey: true, shiftKey: true }), idle)).toBeNull();
  });

  it('Ctrl+Shift+Enter cancels whether or not a query runs (nothing happens when none does)', () => {
    expect(workspaceCommandFor(press('Enter', 'Enter', { ctrlKey: true, shiftKey: true }), idle)).toBe('cancel-query');
    expect(workspaceCommandFor(press('Enter', 'Enter', { shiftKey: true }), idle)).toBeNull();
  });

  it('ignores a key someone nearer the focus already handled', () => {
    expect(workspaceCommandFor(press('j', 'KeyJ', { ctrlKey: true, defaultPrevented: true }), idle)).toBeNull();
  });
});

describe('SHORTCUT_HELP', () => {
  it('lists every workspace command the keymap knows', () => {
    const listed = SHORTCUT_HELP.flatMap((g) => g.entries.flatMap((e) => e.keys));
    for (const keys of ['Esc', 'Ctrl+Shift+Enter', 'Ctrl+J', 'Ctrl+Alt+]', 'Ctrl+Alt+[', 'Ctrl+Shift+Alt+T']) expect(listed).toContain(keys);
  });
});
