/**
 * Test fixture: one in-memory DuckDB per test file, in UTC like the engine's own connections,
 * opened before the file's tests and closed after them.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

export interface DuckDbFixture {
  instance(): DuckDBInstance;
  conn(): DuckDBConnection;
}

export function useDuckDb(): DuckDbFixture {
  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    await conn.run(`SET TimeZone='UTC'`);
  });
  afterAll(() => {
    conn?.closeSync();
    instance?.closeSync();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('DuckDB is opened in beforeAll');
    return value;
  };
  return { instance: () => opened(instance), conn: () => opened(conn) };
}
