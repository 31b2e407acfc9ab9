/**
 * Vitest setup file of the `engine` project: the shared engine's test queries (src/engine/*.test.ts)
 * run on the local cluster's Node host, through execute() and the v2 chunk encoder.
 */
import { registerEngineTestHost } from '../../../src/engine/testing/host';
import { createEngine } from './engine';
import { runQuery } from './test-helpers';

registerEngineTestHost(async () => {
  const engine = await createEngine();
  return {
    name: 'node-api',
    run: (database, csl, parameters) => runQuery(engine, csl, database, parameters),
    sqlOf: (database, csl) => engine.sqlOf(database, csl),
    close: () => engine.close(),
  };
});
