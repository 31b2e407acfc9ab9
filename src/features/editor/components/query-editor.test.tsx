import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectors } from '../../../testing/selectors';
import { QUERY_STORAGE_KEY, usePersistedQuery } from '../hooks/use-persisted-query';
import { QueryEditor } from './query-editor';

function Harness({ onRun }: { onRun: () => void }) {
  const [value, setValue] = useState('StormEvents');
  return <QueryEditor value={value} onChange={setValue} onRun={onRun} />;
}

describe('QueryEditor', () => {
  it('runs on Shift+Enter without inserting a newline', () => {
    const onRun = vi.fn();
    render(<Harness onRun={onRun} />);
    const box = screen.getByRole(selectors.editor.query.role, { name: selectors.editor.query.name });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onRun).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onRun).toHaveBeenCalledTimes(1);
  });
});

function PersistedHarness() {
  const [value, setValue] = usePersistedQuery('default');
  return <QueryEditor value={value} onChange={setValue} onRun={() => undefined} />;
}

describe('usePersistedQuery', () => {
  it('keeps the draft in localStorage across a remount (a reload or a sign-in redirect)', () => {
    localStorage.removeItem(QUERY_STORAGE_KEY);
    const first = render(<PersistedHarness />);
    const box = screen.getByRole('textbox', { name: 'Query' }) as HTMLTextAreaElement;
    expect(box.value).toBe('default');
    fireEvent.change(box, { target: { value: 'StormEvents | count' } });
    first.unmount();
    render(<PersistedHarness />);
    expect((screen.getByRole('textbox', { name: 'Query' }) as HTMLTextAreaElement).value).toBe('StormEvents | count');
  });
});

afterEach(cleanup);
