import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import { focusOwnsEscape, useWorkspaceShortcuts } from '../hooks/use-workspace-shortcuts';
import { selectors as s } from '../../../testing/selectors';
import { ShortcutsHelp } from './shortcuts-help';

afterEach(cleanup);

describe('ShortcutsHelp', () => {
  it('opens a dialog listing the shortcuts and closes on Esc, returning focus to the button', () => {
    render(<ShortcutsHelp />);
    const button = screen.getByRole(s.shortcuts.help.role, { name: s.shortcuts.help.name });
    button.focus();
    fireEvent.click(button);
    const dialog = screen.getByRole(s.shortcuts.dialog.role, { name: s.shortcuts.dialog.name });
    expect(dialog.textContent).toContain('Ctrl+Shift+Alt+T');
    expect(dialog.textContent).toContain('Reopen the last closed tab');
    expect(document.activeElement).toBe(screen.getByRole(s.shortcuts.close.role, { name: s.shortcuts.close.name }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const user = userEvent.setup();
    render(<ShortcutsHelp />);
    await user.click(screen.getByRole(s.shortcuts.help.role, { name: s.shortcuts.help.name }));
    const close = screen.getByRole(s.shortcuts.close.role, { name: s.shortcuts.close.name });
    expect(document.activeElement).toBe(close);
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(close);
  });
});

describe('useWorkspaceShortcuts', () => {
  it('turns window key presses into commands and marks them handled', () => {
    const onCommand = vi.fn();
    renderHook(() => useWorkspaceShortcuts(true, onCommand));
    const event = new KeyboardEvent('keydown', { key: 'j', code: 'KeyJ', ctrlKey: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    expect(onCommand).toHaveBeenCalledWith('new-tab');
    expect(event.defaultPrevented).toBe(true);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true }));
    expect(onCommand).toHaveBeenLastCalledWith('cancel-query');
  });

  it('leaves Esc alone inside a dialog', () => {
    const onCommand = vi.fn();
    renderHook(() => useWorkspaceShortcuts(true, onCommand));
    render(<div role="dialog"><button type="button">inside</button></div>);
    screen.getByRole('button', { name: 'inside' }).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true }));
    expect(onCommand).not.toHaveBeenCalled();
  });
});

describe('focusOwnsEscape', () => {
  it('gives Esc to text fields, but not to the query editor', () => {
    const input = document.createElement('input');
    const editor = document.createElement('div');
    editor.className = 'monaco-editor';
    const textarea = document.createElement('textarea');
    editor.append(textarea);
    document.body.append(input, editor);
    expect(focusOwnsEscape(input)).toBe(true);
    expect(focusOwnsEscape(textarea)).toBe(false);
    expect(focusOwnsEscape(document.body)).toBe(false);
    input.remove();
    editor.remove();
  });
});
