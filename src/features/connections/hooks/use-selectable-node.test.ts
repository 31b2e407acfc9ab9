import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useSelectableNode } from './use-selectable-node';

function node(selected: boolean, initiallyOpen: boolean) {
  const onSelect = vi.fn();
  const hook = renderHook((props: { selected: boolean }) => useSelectableNode({ selected: props.selected, onSelect, initiallyOpen }), {
    initialProps: { selected },
  });
  return { onSelect, hook };
}

describe('useSelectableNode', () => {
  it('Enter selects the node and opens it, even when it was open already', () => {
    const { onSelect, hook } = node(false, false);
    act(() => hook.result.current.onActivate());
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(hook.result.current.expanded).toBe(true);
    act(() => hook.result.current.onActivate());
    expect(hook.result.current.expanded).toBe(true);
  });

  it('a click on an open node not yet selected selects it and keeps it open', () => {
    const { onSelect, hook } = node(false, true);
    act(() => hook.result.current.onClick());
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(hook.result.current.expanded).toBe(true);
  });

  it('a click on the selected node toggles it', () => {
    const { hook } = node(true, true);
    act(() => hook.result.current.onClick());
    expect(hook.result.current.expanded).toBe(false);
    act(() => hook.result.current.onClick());
    expect(hook.result.current.expanded).toBe(true);
  });

  it('the toggle opens and closes without selecting', () => {
    const { onSelect, hook } = node(false, false);
    act(() => hook.result.current.onToggle());
    expect(hook.result.current.expanded).toBe(true);
    act(() => hook.result.current.onToggle());
    expect(hook.result.current.expanded).toBe(false);
    expect(onSelect).not.toHaveBeenCalled();
  });
});
