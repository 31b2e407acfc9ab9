// Entry of the kusto language worker, bundled by Vite through a `?worker` import in monaco-kusto.ts.
import './worker-global';
import '@kusto/monaco-kusto/release/esm/kusto.worker';
