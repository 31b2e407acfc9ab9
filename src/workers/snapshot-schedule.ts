/**
 * When a decode that reads a body as it arrives shows its tables so far. Every snapshot is a
 * copy of the rows so far (they cross to the main thread by transfer), so snapshots come when a
 * table has at least doubled since the last one: the copies add up to at most twice the final
 * table, however fast the bytes come. Nothing shows before a result table has a row. A slow stream (a progressive query) still shows what it
 * has once a second, and a DataReplace or TableProgress shows at once.
 */

import type { TableSoFar } from '../kusto/decode-v2';

/** A slow stream shows new rows at least this often. */
export const SLOW_STREAM_INTERVAL_MS = 1_000;

interface Shown {
  rows: number;
  replacements: number;
  progress: number | null;
}

export class SnapshotSchedule {
  private shown: Shown[] = [];
  private shownAt = -Infinity;

  /** Whether `tables` (the decoder's tables now, at `now` ms) are worth a snapshot; if so, they count as shown. */
  due(tables: readonly TableSoFar[], now: number): boolean {
    // Until a result table has rows there is nothing to show (the metadata tables come first).
    if (!tables.some((t) => t.table.tableKind === 'PrimaryResult' && t.table.rowCount > 0)) return false;
    let changed = tables.length !== this.shown.length;
    let urgent = changed;
    for (let k = 0; k < tables.length && !urgent; k++) {
      const t = tables[k]!;
      const before = this.shown[k];
      if (!before) continue;
      if (t.replacements !== before.replacements || t.progress !== before.progress) urgent = true;
      else if (t.table.rowCount !== before.rows) {
        changed = true;
        if (t.table.rowCount >= 2 * before.rows) urgent = true;
      }
    }
    if (!urgent && !(changed && now - this.shownAt >= SLOW_STREAM_INTERVAL_MS)) return false;
    this.shown = tables.map((t) => ({ rows: t.table.rowCount, replacements: t.replacements, progress: t.progress }));
    this.shownAt = now;
    return true;
  }
}
