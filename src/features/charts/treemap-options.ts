/**
 * A treemap hierarchy (treemap-tree.ts) as an ECharts treemap: the top level coloured from the
 * palette, each branch's name in a header strip over its leaves, a click zooms into a branch and the
 * breadcrumb leads back out.
 */
import type { EChartsOption, TreemapSeriesOption } from 'echarts';
import { baseOption, INK, type ChartTheme } from './chart-style';
import type { TreeNode } from './treemap-tree';
import type { VisualizationSpec } from './visualization';

export function treemapOption(tree: TreeNode[], valueName: string, spec: VisualizationSpec, theme: ChartTheme): EChartsOption {
  const ink = INK[theme];
  const base = baseOption(spec, theme);
  const series: TreemapSeriesOption = {
    type: 'treemap',
    name: valueName,
    data: tree,
    top: spec.title ? 40 : 8,
    bottom: 32,
    left: 8,
    right: 8,
    roam: false,
    nodeClick: 'zoomToNode',
    visibleMin: 1,
    label: { show: true, formatter: '{b}', color: '#ffffff', overflow: 'truncate' },
    upperLabel: { show: true, height: 20, color: '#ffffff', overflow: 'truncate' },
    itemStyle: { borderColor: theme === 'dark' ? '#1e1e1e' : '#ffffff' },
    // levels[0] is the root (the series itself): no header of its own.
    levels: [
      { itemStyle: { borderWidth: 0, gapWidth: 3 }, upperLabel: { show: false } },
      { itemStyle: { gapWidth: 1 } },
      { itemStyle: { gapWidth: 1 }, colorSaturation: [0.35, 0.55] },
      { itemStyle: { gapWidth: 1 }, colorSaturation: [0.3, 0.5] },
    ],
    breadcrumb: {
      show: true,
      bottom: 4,
      itemStyle: { color: ink.tooltip, borderColor: ink.split, textStyle: { color: ink.text } },
      emphasis: { itemStyle: { color: ink.split, textStyle: { color: ink.text } } },
    },
  };
  return { ...base, legend: { show: false }, tooltip: { ...base.tooltip, trigger: 'item' }, series: [series] };
}
