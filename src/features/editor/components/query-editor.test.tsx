import { act, cleanup, render, screen } from '@testing-library/react';
import { forwardRef, useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectors } from '../../../testing/selectors';
import type { KqlEditorProps } from '../types';

// monaco cannot run in jsdom: the stand-in becomes "ready" when the test says so.
const readyCallbacks: (() => void)[] = [];
vi.mock('../lazy-kql-editor', () => ({
  preloadKqlEditor: () => undefined,
  KqlEditor: forwardRef<unknown, KqlEditorProps>(function FakeEditor(props) {
    useEffect(() => {
      if (props.onReady) readyCallbacks.push(props.onReady);
    }, [props.onReady]);
    return <textarea aria-label="Query" value={props.value} readOnly />;
  }),
}));

const { QueryEditor } = await import('./query-editor');

function renderEditor(value: string) {
  return render(<QueryEditor value={value} onChange={() => undefined} onRun={() => undefined} onCancel={() => undefined} theme="light" />);
}

afterEach(() => {
  cleanup();
  readyCallbacks.length = 0;
});

describe('QueryEditor', () => {
  it('shows the query text read-only until the editor is ready', () => {
    renderEditor('StormEvents\n| take 10');
    const preview = screen.getByRole(selectors.editor.queryPreview.role, { name: selectors.editor.queryPreview.name });
    expect(preview.textContent).toBe('StormEvents\n| take 10');
    act(() => readyCallbacks.forEach((ready) => ready()));
    expect(screen.queryByRole(selectors.editor.queryPreview.role, { name: selectors.editor.queryPreview.name })).toBeNull();
  });

  it('exposes the current text for specs on the wrapper', () => {
    const { container } = renderEditor('print 1');
    expect(container.querySelector('[data-query-text]')?.getAttribute('data-query-text')).toBe('print 1');
  });
});
