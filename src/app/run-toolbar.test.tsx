import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectors as s } from '../testing/selectors';
import { RunToolbar, type RunToolbarProps } from './run-toolbar';

afterEach(cleanup);

function toolbar(overrides: Partial<RunToolbarProps> = {}) {
  const props: RunToolbarProps = {
    running: false, parametersOk: true, onRun: vi.fn(), onCancel: vi.fn(), progressive: false, onProgressiveChange: vi.fn(), onRetry: null,
    clusterLabel: 'https://localhost:8443', database: 'Samples', databaseOptions: ['Samples', 'Big'], onDatabaseChange: vi.fn(), ...overrides,
  };
  render(<RunToolbar {...props} />);
  return props;
}

const button = (name: string) => screen.getByRole('button', { name });

describe('RunToolbar', () => {
  it('runs when idle; Cancel is off until a run starts', () => {
    const props = toolbar();
    fireEvent.click(button(s.editor.run.name));
    expect(props.onRun).toHaveBeenCalledTimes(1);
    expect((button(s.editor.cancel.name) as HTMLButtonElement).disabled).toBe(true);
  });

  it('while running: Run is off, Cancel cancels', () => {
    const props = toolbar({ running: true });
    expect((button(s.editor.run.name) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button(s.editor.cancel.name));
    expect(props.onCancel).toHaveBeenCalledTimes(1);
  });

  it('Run is off while a parameter value is refused, and says why', () => {
    toolbar({ parametersOk: false });
    expect((button(s.editor.run.name) as HTMLButtonElement).disabled).toBe(true);
    expect(button(s.editor.run.name).getAttribute('title')).toBe('Fix the parameter values first');
  });

  it('shows Retry only when there is something to retry', () => {
    toolbar();
    expect(screen.queryByRole('button', { name: s.common.retry.name })).toBeNull();
    cleanup();
    const onRetry = vi.fn();
    toolbar({ onRetry });
    fireEvent.click(button(s.common.retry.name));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows the context and changes the database and the progressive setting', () => {
    const props = toolbar();
    expect(screen.getByRole(s.editor.context.role, { name: s.editor.context.name }).textContent).toBe('https://localhost:8443 · Samples');
    fireEvent.change(screen.getByLabelText(s.header.database.name), { target: { value: 'Big' } });
    expect(props.onDatabaseChange).toHaveBeenCalledWith('Big');
    fireEvent.click(screen.getByRole(s.editor.progressive.role, { name: s.editor.progressive.name }));
    expect(props.onProgressiveChange).toHaveBeenCalledWith(true);
  });
});
