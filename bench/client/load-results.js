// A .js seam (like dev/harness/load-editor.js): the bench page imports the real ResultsPanel,
// while tsconfig.node.json, which typechecks bench/ without JSX, reads only load-results.d.ts.
export { ResultsPanel } from '../../src/features/results/components/results-panel';
