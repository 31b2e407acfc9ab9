/**
 * Draws one `[line, start, end]` item of an interval chart (interval-options.ts) as a bar across
 * its line, clipped to the plot; a moment (start = end) still gets a 2 px tick. Registered by
 * name in echarts-renderer.tsx, the only file that loads ECharts' runtime.
 */
import type { CustomSeriesRenderItem } from 'echarts';
import { graphic } from 'echarts/core';

/** Bar height as a share of the line's band. */
const BAND_SHARE = 0.6;
const MIN_WIDTH = 2;

export const renderInterval: CustomSeriesRenderItem = (params, api) => {
  const line = api.value(0);
  const from = api.coord([api.value(1), line]);
  const to = api.coord([api.value(2), line]);
  const band = api.size?.([0, 1]);
  const height = (Array.isArray(band) ? band[1]! : 12) * BAND_SHARE;
  const x = from[0]!;
  const width = Math.max(to[0]! - x, MIN_WIDTH);
  const coordSys = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
  const shape = graphic.clipRectByRect(
    { x: width === MIN_WIDTH ? x - MIN_WIDTH / 2 : x, y: from[1]! - height / 2, width, height },
    { x: coordSys.x, y: coordSys.y, width: coordSys.width, height: coordSys.height },
  );
  return shape ? { type: 'rect', transition: ['shape'], shape, style: { fill: api.visual('color') as string } } : null;
};
