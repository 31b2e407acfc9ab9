/**
 * Kusto.Language (parser and analyzer, ~580 KB gzip) for the local-files worker, imported lazily
 * on the first KQL query: the two Bridge.NET scripts put `Kusto.Language` and `Bridge` on the
 * worker's global object, where src/engine/kusto-language.ts finds them.
 */
import './bridge-global';
import '@kusto/language-service-next/bridge.min.js';
import '@kusto/language-service-next/Kusto.Language.Bridge.min.js';

export {};
