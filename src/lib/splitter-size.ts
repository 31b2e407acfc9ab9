/**
 * The size a window splitter (https://www.w3.org/WAI/ARIA/apg/patterns/windowsplitter/) moves to
 * for a key: arrows by a step (Shift: five steps), Home to the smallest, End to the largest. Pure.
 */
export interface SplitterBounds {
  min: number;
  max: number;
  step: number;
}

export function clampSize(size: number, { min, max }: Pick<SplitterBounds, 'min' | 'max'>): number {
  return Math.round(Math.max(min, Math.min(Math.max(min, max), size)));
}

/** For a splitter between a pane above and one below: ArrowDown grows the upper pane. */
export function sizeAfterKey(size: number, press: { key: string; shiftKey: boolean }, bounds: SplitterBounds): number | null {
  const step = bounds.step * (press.shiftKey ? 5 : 1);
  switch (press.key) {
    case 'ArrowDown': return clampSize(size + step, bounds);
    case 'ArrowUp': return clampSize(size - step, bounds);
    case 'Home': return clampSize(bounds.min, bounds);
    case 'End': return clampSize(bounds.max, bounds);
    default: return null;
  }
}

/** A remembered size, or null when there is none or it is not a number. */
export function parseStoredSize(text: string | null): number | null {
  if (text === null) return null;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : null;
}
