import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { col } from '../../../testing/v2-factories';
import { selectors as s } from '../../../testing/selectors';
import { decodeTable } from '../../../testing/test-tables';
import { CellDetail } from './cell-detail';
import { JsonTree } from './json-tree';

const tree = () => screen.getByRole(s.results.jsonTree.role, { name: s.results.jsonTree.name });
const item = (name: RegExp) => within(tree()).getByRole('treeitem', { name });

describe('JsonTree', () => {
  it('shows an object with its first level open, values as text', () => {
    render(<JsonTree label={s.results.jsonTree.name} value={{ html: '<img src=x>', list: [1, 2, 3], nested: { deep: true } }} />);
    expect(item(/^value: object, 3 keys$/).getAttribute('aria-expanded')).toBe('true');
    expect(item(/^html: "<img src=x>"$/)).toBeTruthy();
    expect(tree().querySelector('img')).toBeNull();
    expect(item(/^list: array, 3 items$/).getAttribute('aria-expanded')).toBe('true');
    expect(item(/^nested: object, 1 key$/).getAttribute('aria-expanded')).toBe('true');
    expect(within(tree()).getAllByRole('treeitem').map((i) => i.getAttribute('aria-level'))).toEqual(['1', '2', '2', '3', '3', '3', '2', '3']);
  });

  it('moves with the arrow keys and closes and opens containers', () => {
    render(<JsonTree label={s.results.jsonTree.name} value={{ a: { b: 1 } }} />);
    const root = item(/^value/);
    expect(root.tabIndex).toBe(0);
    fireEvent.keyDown(root, { key: 'ArrowDown' });
    const a = item(/^a: /);
    expect(document.activeElement).toBe(a);
    fireEvent.keyDown(a, { key: 'ArrowLeft' });
    expect(a.getAttribute('aria-expanded')).toBe('false');
    expect(within(tree()).queryByRole('treeitem', { name: /^b: / })).toBeNull();
    fireEvent.keyDown(a, { key: 'ArrowRight' });
    expect(item(/^b: 1$/)).toBeTruthy();
    fireEvent.keyDown(a, { key: 'ArrowLeft' });
    fireEvent.keyDown(a, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(item(/^value/));
  });

  it('keeps longs above 2^53 exact', () => {
    const t = decodeTable([col('d', 'dynamic')], [[{ big: 9223372036854775807n }]]);
    render(<CellDetail table={t} column={0} row={0} onClose={() => undefined} />);
    expect(screen.getByRole(s.results.cellDetail.role, { name: s.results.cellDetail.name })).toBeTruthy();
    expect(item(/^big: 9223372036854775807$/)).toBeTruthy();
  });
});

afterEach(cleanup);
