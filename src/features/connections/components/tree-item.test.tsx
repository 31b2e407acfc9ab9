import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onTreeKeyDown, TreeFocusContext, TreeItem } from './tree-item';

afterEach(cleanup);

function Tree({ onInsert }: { onInsert(name: string): void }) {
  const [active, setActive] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  return (
    <TreeFocusContext.Provider value={{ active, setActive }}>
      <ul role="tree" aria-label="Clusters" onKeyDown={onTreeKeyDown}>
        <TreeItem itemKey="db" level={1} first label="Samples" expanded={open} onToggle={() => setOpen((o) => !o)}>
          <TreeItem itemKey="t1" level={2} label="StormEvents" onActivate={() => onInsert('StormEvents')} />
          <TreeItem itemKey="t2" level={2} label="PopulationData" onActivate={() => onInsert('PopulationData')} />
        </TreeItem>
        <TreeItem itemKey="db2" level={1} label="ContosoSales" expanded={false} onToggle={() => undefined} />
      </ul>
    </TreeFocusContext.Provider>
  );
}

const item = (name: string) => screen.getByRole('treeitem', { name });

describe('the connection tree (tree view pattern)', () => {
  it('is one Tab stop; arrows open, enter and leave items; Enter inserts a leaf', () => {
    const onInsert = vi.fn();
    render(<Tree onInsert={onInsert} />);
    expect(screen.getAllByRole('treeitem').map((i) => i.tabIndex)).toEqual([0, -1]);
    item('Samples').focus();
    fireEvent.keyDown(item('Samples'), { key: 'ArrowRight' });
    expect(item('Samples').getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(item('Samples'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(item('StormEvents'));
    fireEvent.keyDown(item('StormEvents'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(item('PopulationData'));
    // Roving focus: only the focused item is in the Tab order.
    expect(screen.getAllByRole('treeitem').filter((i) => i.tabIndex === 0)).toEqual([item('PopulationData')]);
    fireEvent.keyDown(item('PopulationData'), { key: 'Enter' });
    expect(onInsert).toHaveBeenCalledWith('PopulationData');
    fireEvent.keyDown(item('PopulationData'), { key: 'End' });
    expect(document.activeElement).toBe(item('ContosoSales'));
    fireEvent.keyDown(item('ContosoSales'), { key: 'Home' });
    fireEvent.keyDown(item('Samples'), { key: 'ArrowDown' });
    fireEvent.keyDown(item('StormEvents'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(item('Samples'));
    fireEvent.keyDown(item('Samples'), { key: 'ArrowLeft' });
    expect(item('Samples').getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('treeitem', { name: 'StormEvents' })).toBeNull();
  });
});
