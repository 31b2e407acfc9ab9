// A .js seam (like load-editor.js): the harness imports the issue-5 components statically, while
// tsconfig.node.json, which typechecks dev/ without JSX, reads only load-issue5.d.ts.
export { TableChartSwitch } from '../../src/features/charts/components/table-chart-switch';
export { ShareMenu } from '../../src/features/share/components/share-menu';
export { OpenLinkAction } from '../../src/features/share/components/open-link-dialog';
export { HistoryPanel } from '../../src/features/history/components/history-panel';
export { ParametersForm } from '../../src/features/parameters/components/parameters-form';
export { useQueryParameters } from '../../src/features/parameters/hooks/use-query-parameters';
