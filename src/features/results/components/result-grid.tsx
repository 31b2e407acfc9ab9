/**
 * ResultGrid: the one file that knows about Glide Data Grid. Glide draws on a canvas and pulls
 * each visible cell through getCellContent, so a 500,000-row result costs nothing per row here:
 * cells are read straight from the column stores, through `order` when sorted or filtered.
 * Its scroller also gets past the browser's maximum element height (~33.5M px in Chrome), which
 * a DOM table of 34 px rows hits at about a million rows. Replacing Glide = rewriting this file.
 */

import '@glideapps/glide-data-grid/dist/index.css';
import {
  CompactSelection, DataEditor, GridCellKind, type DataEditorRef, type GridCell, type GridColumn, type GridSelection, type Item,
  type Rectangle, type Theme,
} from '@glideapps/glide-data-grid';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { ColumnarTable } from '../../../kusto/types';
import { cellText } from '../../../kusto/columnar';
import { displayText, initialColumnWidth, isNumericColumn, sampleRows } from '../cell-text';
import { rangeToTsv, type CellRange, type FormulaPolicy } from '../../../kusto/table-export';
import type { SortDirection } from '../../../kusto/table-ops';
import { clampGridCursor, moveGridCursor, type GridCursor } from '../grid-cursor';
import { GridWindow } from './grid-window';

export type GridTheme = 'light' | 'dark';

export interface ResultGridProps {
  table: ColumnarTable;
  /** Display order as table row indices (from sort/search); every row in table order when absent. */
  order?: Uint32Array | null;
  theme?: GridTheme;
  /** The sort shown in the headers (arrow, aria-sort); sorting itself is the caller's. */
  sort?: { column: number; direction: SortDirection } | null;
  onHeaderClicked?: (column: number) => void;
  /** Double-click or Enter on a cell; `row` is the table's row index, not the display position. */
  onCellActivated?: (cell: { column: number; row: number }) => void;
  /** Copied cells that would start a spreadsheet formula: neutralised (default) or raw. */
  formulas?: FormulaPolicy;
}

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 34;
/** Rows mirrored for assistive tech before Glide first reports its visible region. */
const INITIAL_WINDOW = 40;
/**
 * The accessible mirror follows the canvas once scrolling pauses this long, not on every frame.
 * A Chromium trace of the scroll bench showed each frame re-rendering the mirror (and Glide with
 * it), then Glide's scroll handler reading scrollTop and forcing a style and layout of the
 * changed mirror table (~12 ms a frame: the table's automatic layout measures every cell's text).
 */
const MIRROR_SETTLE_MS = 120;

/**
 * Glide measures its box with ResizeObserver; where there is none (jsdom, very old browsers)
 * only the accessible grid renders, which still holds the visible rows.
 */
const CAN_DRAW = typeof ResizeObserver !== 'undefined';

const EMPTY_SELECTION: GridSelection = { columns: CompactSelection.empty(), rows: CompactSelection.empty() };

const FONT_FAMILY = '-apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const LIGHT: Partial<Theme> = {
  accentColor: '#0f6cbd', accentLight: 'rgba(15, 108, 189, 0.14)', textDark: '#1b1b1b', textMedium: '#555',
  textHeader: '#333', bgHeader: '#f3f3f3', bgHeaderHovered: '#e8e8e8', bgHeaderHasFocus: '#e2e2e2',
  borderColor: 'rgba(0, 0, 0, 0.1)', bgCell: '#ffffff', baseFontStyle: '13px', headerFontStyle: '600 13px',
  fontFamily: FONT_FAMILY, cellHorizontalPadding: 8,
};
const DARK: Partial<Theme> = {
  ...LIGHT,
  accentColor: '#4aa3ff', accentLight: 'rgba(74, 163, 255, 0.22)', accentFg: '#000', textDark: '#e6e6e6',
  textMedium: '#b0b0b0', textLight: '#8a8a8a', textHeader: '#e0e0e0', textHeaderSelected: '#000',
  bgCell: '#1e1e1e', bgCellMedium: '#252525', bgHeader: '#2b2b2b', bgHeaderHovered: '#333', bgHeaderHasFocus: '#3a3a3a',
  borderColor: 'rgba(255, 255, 255, 0.12)', bgBubble: '#333', bgBubbleSelected: '#444', bgSearchResult: '#5a4b00',
  bgIconHeader: '#aaa', fgIconHeader: '#1e1e1e', linkColor: '#4aa3ff',
};

/** Glide's selection for the keyboard's cursor: a whole column on a header, else the cell or the range from `anchor`. */
function selectionAt(cursor: GridCursor, anchor: Item | null): GridSelection {
  if (cursor.row < 0) return { columns: CompactSelection.fromSingleSelection(cursor.column), rows: CompactSelection.empty() };
  const [ax, ay] = anchor ?? [cursor.column, cursor.row];
  const range = { x: Math.min(ax, cursor.column), y: Math.min(ay, cursor.row), width: Math.abs(ax - cursor.column) + 1, height: Math.abs(ay - cursor.row) + 1 };
  return { columns: CompactSelection.empty(), rows: CompactSelection.empty(), current: { cell: [ax, ay], range, rangeStack: [] } };
}

/** The rectangle a copy takes: whole selected columns or rows, else the selected range. */
function copyRange(selection: GridSelection, columnCount: number, rowCount: number): CellRange | null {
  const cols = selection.columns;
  const first = cols.first();
  const last = cols.last();
  if (first !== undefined && last !== undefined) return { column: first, columns: last - first + 1, row: 0, rows: rowCount };
  const rFirst = selection.rows.first();
  const rLast = selection.rows.last();
  if (rFirst !== undefined && rLast !== undefined) return { column: 0, columns: columnCount, row: rFirst, rows: rLast - rFirst + 1 };
  const range = selection.current?.range;
  return range ? { column: range.x, columns: range.width, row: range.y, rows: range.height } : null;
}

export function ResultGrid({ table, order = null, theme = 'light', sort = null, onHeaderClicked, onCellActivated, formulas = 'neutralize' }: ResultGridProps) {
  const rowCount = order ? order.length : table.rowCount;
  const helpId = useId();

  const [widths, setWidths] = useState<number[]>([]);
  useEffect(() => {
    const rows = sampleRows(table.rowCount);
    setWidths(table.columns.map((c) => initialColumnWidth(c.name, rows.map((r) => cellText(c, r)))));
  }, [table]);

  const columns = useMemo<GridColumn[]>(() => table.columns.map((c, i) => ({
    id: String(i),
    title: sort?.column === i ? `${c.name} ${sort.direction === 'asc' ? '↑' : '↓'}` : c.name,
    width: widths[i] ?? 120,
  })), [table, widths, sort]);

  const getCellContent = useCallback(([col, row]: Item): GridCell => {
    const column = table.columns[col];
    const r = order ? order[row] : row;
    if (!column || r === undefined) return { kind: GridCellKind.Text, data: '', displayData: '', allowOverlay: false };
    const text = cellText(column, r);
    return {
      kind: GridCellKind.Text,
      data: text,
      displayData: displayText(text),
      allowOverlay: false,
      readonly: true,
      contentAlign: isNumericColumn(column) ? 'right' : 'left',
    };
  }, [table, order]);

  const [selection, setSelection] = useState<GridSelection>(EMPTY_SELECTION);
  const [view, setView] = useState({ first: 0, count: INITIAL_WINDOW });
  /** The keyboard's active cell in the accessible grid (aria-activedescendant); row -1 is the header. */
  const [cursor, setCursor] = useState<GridCursor | null>(null);
  const editor = useRef<DataEditorRef>(null);
  const box = useRef<HTMLDivElement>(null);
  // A new sort or filter starts at the top, as in the web UI; the mirror follows the canvas.
  useEffect(() => {
    setSelection(EMPTY_SELECTION);
    setView((v) => (v.first === 0 ? v : { first: 0, count: v.count }));
    setCursor((c) => (c ? clampGridCursor(c, { columns: table.columns.length, rows: rowCount }) : c));
    editor.current?.scrollTo(0, 0, 'vertical');
  }, [table, order, rowCount]);

  // One tab stop for the grid: the accessible grid, which the keyboard drives. Glide's canvas
  // (tabIndex 0 in its markup) stays the pointer's; set once per canvas, React never rewrites it.
  useEffect(() => {
    box.current?.querySelector('canvas')?.setAttribute('tabindex', '-1');
  });

  const onGridSelectionChange = useCallback((next: GridSelection) => {
    setSelection(next);
    const cell = next.current?.cell;
    if (cell) setCursor((c) => (c?.column === cell[0] && c.row === cell[1] ? c : { column: cell[0], row: cell[1] }));
  }, []);

  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settleTimer.current), []);
  const onVisibleRegionChanged = useCallback((range: Rectangle) => {
    clearTimeout(settleTimer.current);
    settleTimer.current = setTimeout(() => {
      setView((w) => (w.first === range.y && w.count === range.height ? w : { first: range.y, count: range.height }));
    }, MIRROR_SETTLE_MS);
  }, []);

  // Our copy instead of Glide's: it builds one cell object per copied cell, and ours writes the
  // TSV straight from the column stores (a whole 500k-row column included).
  const onCopy = useCallback((e: ClipboardEvent<HTMLDivElement>) => {
    const range = copyRange(selection, table.columns.length, rowCount);
    if (!range) return;
    e.clipboardData.setData('text/plain', rangeToTsv(table, order, range, false, formulas));
    e.preventDefault();
  }, [selection, table, order, rowCount, formulas]);

  const activate = useCallback(([col, row]: Item) => {
    const r = order ? order[row] : row;
    if (r !== undefined && col >= 0) onCellActivated?.({ column: col, row: r });
  }, [order, onCellActivated]);

  // The accessible grid's keys (the grid pattern): arrows, Home/End, Page Up/Down move the cursor
  // and Glide's selection with it; Shift extends a range; Enter or Space on a header sorts, Enter on
  // a cell opens it; Tab is left to the browser, so it leaves the grid. Read through a ref so the
  // memoised mirror gets one stable handler.
  const keys = useRef<(e: KeyboardEvent<HTMLElement>) => void>(() => undefined);
  keys.current = (e) => {
    const at = cursor ?? { column: 0, row: rowCount > 0 ? 0 : -1 };
    if (at.row < 0 && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onHeaderClicked?.(at.column);
      return;
    }
    if (at.row >= 0 && e.key === 'Enter') {
      e.preventDefault();
      activate([at.column, at.row]);
      return;
    }
    const next = moveGridCursor(at, e, { columns: table.columns.length, rows: rowCount, page: view.count });
    if (!next) return;
    e.preventDefault();
    const anchor = e.shiftKey && at.row >= 0 && next.row >= 0 ? (selection.current?.cell ?? [at.column, at.row]) : null;
    setCursor(next);
    setSelection(selectionAt(next, anchor));
    editor.current?.scrollTo(next.column, Math.max(0, next.row));
  };
  const onMirrorKeyDown = useCallback((e: KeyboardEvent<HTMLElement>) => keys.current(e), []);
  const onMirrorFocus = useCallback(() => {
    setCursor((c) => {
      if (c) return c;
      const start = { column: 0, row: rowCount > 0 ? 0 : -1 };
      setSelection(selectionAt(start, null));
      return start;
    });
  }, [rowCount]);

  const onColumnResize = useCallback((_column: GridColumn, newSize: number, colIndex: number) => {
    setWidths((ws) => ws.map((w, i) => (i === colIndex ? newSize : w)));
  }, []);

  return (
    <div ref={box} className="result-grid" data-testid="result-grid" onCopy={onCopy}>
      <p id={helpId} className="results-sr-only">
        Arrow keys move between cells; Enter on a column header sorts by it; Enter on a dynamic or long value opens it;
        Ctrl+C copies the selection as tab-separated text; Tab leaves the grid.
      </p>
      <GridWindow
        table={table} order={order} first={view.first} count={view.count} sort={sort} selected={selection.current?.range ?? null} describedBy={helpId}
        active={cursor} onKeyDown={onMirrorKeyDown} onFocus={onMirrorFocus}
      />
      {CAN_DRAW ? <DataEditor
        ref={editor}
        width="100%"
        height="100%"
        columns={columns}
        rows={rowCount}
        getCellContent={getCellContent}
        gridSelection={selection}
        onGridSelectionChange={onGridSelectionChange}
        onVisibleRegionChanged={onVisibleRegionChanged}
        onCellActivated={activate}
        cellActivationBehavior="double-click"
        onHeaderClicked={onHeaderClicked ? (col) => onHeaderClicked(col) : undefined}
        onColumnResize={onColumnResize}
        rowHeight={ROW_HEIGHT}
        headerHeight={HEADER_HEIGHT}
        rowMarkers="none"
        smoothScrollX
        smoothScrollY
        theme={theme === 'dark' ? DARK : LIGHT}
        // Tab and Shift+Tab are not cell moves here (Glide's default): they leave the grid (WCAG 2.1.2).
        keybindings={{ copy: false, paste: false, cut: false, search: false, selectAll: true, clear: false, delete: false, goLeftCell: 'ArrowLeft', goRightCell: 'ArrowRight' }}
        columnSelect="multi"
        rangeSelect="rect"
        experimental={{ disableAccessibilityTree: true }}
      /> : null}
    </div>
  );
}
