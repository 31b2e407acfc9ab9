/** Node loads Kusto.Language's two Bridge.NET scripts with require (they install themselves on globalThis). */
import { createRequire } from 'node:module';
import { setKustoLanguageLoader } from '../../../src/engine/kusto-language';

export function loadKustoLanguageInNode(): void {
  setKustoLanguageLoader(() => {
    const require = createRequire(import.meta.url);
    require('@kusto/language-service-next/bridge.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.js');
  });
}
