/**
 * Colours and the option pieces every chart kind shares (title, legend, tooltip, axes), per theme.
 * Plain data: a plan built in the chart worker must survive structured cloning.
 */
import type { EChartsOption } from 'echarts';
import type { VisualizationSpec } from './visualization';

export type ChartTheme = 'light' | 'dark';

// Colour-blind-safe ordering (Okabe–Ito based), lifted for dark backgrounds.
export const PALETTE: Record<ChartTheme, string[]> = {
  light: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7f7f7f', '#b8a100', '#332288', '#882255'],
  dark: ['#4fa8e8', '#f0b429', '#34c79a', '#e39cc8', '#8fd3ff', '#ff8a4c', '#bdbdbd', '#e8d44d', '#9d8cff', '#e0709a'],
};

export const INK: Record<ChartTheme, { text: string; muted: string; axis: string; split: string; tooltip: string; alert: string }> = {
  light: { text: '#1f1f1f', muted: '#605e5c', axis: '#8a8886', split: '#e1dfdd', tooltip: '#ffffff', alert: '#c50f1f' },
  dark: { text: '#e6e6e6', muted: '#b3b0ad', axis: '#a19f9d', split: '#3b3a39', tooltip: '#252423', alert: '#ff6b6b' },
};

export function baseOption(spec: VisualizationSpec, theme: ChartTheme): EChartsOption {
  const ink = INK[theme];
  return {
    animation: false,
    // Kusto datetimes are UTC; show them as UTC, as the web UI does.
    useUTC: true,
    backgroundColor: 'transparent',
    color: PALETTE[theme],
    textStyle: { color: ink.text },
    title: spec.title ? { text: spec.title, left: 'center', textStyle: { color: ink.text, fontSize: 14 } } : undefined,
    legend: {
      show: spec.legend === 'visible',
      type: 'scroll',
      bottom: 0,
      textStyle: { color: ink.text },
      pageTextStyle: { color: ink.muted },
    },
    tooltip: { backgroundColor: ink.tooltip, borderColor: ink.split, textStyle: { color: ink.text } },
  };
}

export function axisStyle(theme: ChartTheme) {
  const ink = INK[theme];
  return {
    axisLine: { lineStyle: { color: ink.axis } },
    axisTick: { lineStyle: { color: ink.axis } },
    axisLabel: { color: ink.muted },
    splitLine: { lineStyle: { color: ink.split } },
    nameTextStyle: { color: ink.text },
  };
}
