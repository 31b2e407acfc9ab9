// A .js seam: the page mounts the real components, while tsconfig.node.json (no JSX) reads load-views.d.ts.
export { ResultsPanel } from '../../src/features/results/components/results-panel';
export { TableChartSwitch } from '../../src/features/charts/components/table-chart-switch';
