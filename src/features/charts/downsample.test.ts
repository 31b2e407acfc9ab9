import { describe, expect, it } from 'vitest';
import { lttb, pointBudget } from './downsample';

function range(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i);
}

describe('lttb', () => {
  it('returns every index when the series already fits', () => {
    expect([...lttb(range(5), range(5), 5)]).toEqual([0, 1, 2, 3, 4]);
    expect([...lttb(range(5), range(5), 100)]).toEqual([0, 1, 2, 3, 4]);
    expect([...lttb(range(0), range(0), 10)]).toEqual([]);
  });

  it('keeps the first and last point and returns exactly the threshold, ascending', () => {
    const n = 10_000;
    const x = range(n);
    const y = x.map((v) => Math.sin(v / 100));
    const kept = lttb(x, y, 500);
    expect(kept.length).toBe(500);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(n - 1);
    for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
  });

  it('keeps a single spike and a single dip in flat data', () => {
    const n = 5_000;
    const x = range(n);
    const y = new Float64Array(n);
    y[1234] = 1_000;
    y[3777] = -500;
    const kept = [...lttb(x, y, 50)];
    expect(kept).toContain(1234);
    expect(kept).toContain(3777);
  });

  it('keeps the peaks and troughs of a slow sine wave', () => {
    const n = 4_000;
    const x = range(n);
    const y = x.map((v) => Math.sin((2 * Math.PI * v) / 1_000));
    const kept = lttb(x, y, 200);
    const values = [...kept].map((i) => y[i]!);
    expect(Math.max(...values)).toBeGreaterThan(0.99);
    expect(Math.min(...values)).toBeLessThan(-0.99);
  });

  it('picks a spike over a gap, and works on uneven x spacing', () => {
    const n = 1_000;
    const x = Float64Array.from({ length: n }, (_, i) => i * i);
    const y = new Float64Array(n).fill(1);
    for (let i = 100; i < 200; i++) y[i] = Number.NaN;
    y[600] = 50;
    const kept = [...lttb(x, y, 20)];
    expect(kept).toContain(600);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(n - 1);
  });

  it('keeps only the ends below three points', () => {
    expect([...lttb(range(10), range(10), 2)]).toEqual([0, 9]);
  });
});

describe('pointBudget', () => {
  it('is two points per pixel, at least three', () => {
    expect(pointBudget(800)).toBe(1600);
    expect(pointBudget(0)).toBe(3);
  });
});
