import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectors as s } from '../testing/selectors';
import { AppHeader } from './app-header';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A ResizeObserver that reports `width` for whatever it observes. */
function reportWidth(width: number) {
  let report: (() => void) | null = null;
  vi.stubGlobal('ResizeObserver', class {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe() {
      report = () => this.callback([{ contentRect: { width, height: 40 } } as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    disconnect() {}
  });
  return () => act(() => report?.());
}

const actions = (compact: boolean) => <span data-testid="actions">{compact ? 'compact' : 'wide'}</span>;

describe('AppHeader', () => {
  it('toggles the connection pane and says whether it is open', () => {
    const onTogglePane = vi.fn();
    render(<AppHeader paneOpen={false} onTogglePane={onTogglePane} renderActions={actions} />);
    const toggle = screen.getByRole(s.header.connections.role, { name: s.header.connections.name });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(onTogglePane).toHaveBeenCalledTimes(1);
  });

  it.each([[800, 'compact'], [1400, 'wide']])('at %i px the actions are %s', (width, expected) => {
    const report = reportWidth(width);
    render(<AppHeader paneOpen onTogglePane={() => undefined} renderActions={actions} />);
    report();
    expect(screen.getByTestId('actions').textContent).toBe(expected);
  });

  it('is wide before the first measure', () => {
    render(<AppHeader paneOpen onTogglePane={() => undefined} renderActions={actions} />);
    expect(screen.getByTestId('actions').textContent).toBe('wide');
  });
});
