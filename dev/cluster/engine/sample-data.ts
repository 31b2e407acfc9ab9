/**
 * More sample databases, generated inside DuckDB from deterministic hashes of row numbers:
 * ContosoSales (related tables for joins) at start, and Big.Telemetry (10M rows, for benchmarks)
 * on first use only, so a normal start stays fast.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Catalog, sqlTableName } from './catalog';
import { CONTOSO_SALES_TABLES, hashedInt } from '../../../src/engine/testing/contoso-sales';
import type { KustoColumn } from './types';

const col = (ColumnName: string, ColumnType: KustoColumn['ColumnType']): KustoColumn => ({ ColumnName, ColumnType });
const h = hashedInt;

export const BIG_TELEMETRY_ROWS = 10_000_000;

export async function loadContosoSales(catalog: Catalog, conn: DuckDBConnection): Promise<void> {
  const db = 'ContosoSales';
  await catalog.ensureDatabase(db);
  for (const table of CONTOSO_SALES_TABLES) {
    await catalog.createTable(db, { name: table.name, columns: table.columns });
    await conn.run(table.insertSql(sqlTableName(db, table.name)));
  }
}

export async function registerBigTelemetry(catalog: Catalog, conn: DuckDBConnection): Promise<void> {
  let built: Promise<void> | null = null;
  await catalog.ensureDatabase('Big');
  await catalog.createTable('Big', {
    name: 'Telemetry',
    docString: `${BIG_TELEMETRY_ROWS} rows generated inside DuckDB on first use (benchmarks)`,
    columns: [col('Timestamp', 'datetime'), col('DeviceId', 'string'), col('Metric', 'string'), col('Value', 'real'), col('Count', 'long')],
    materialize: () =>
      (built ??= conn
        .run(`CREATE TABLE IF NOT EXISTS ${sqlTableName('Big', 'Telemetry')} AS
          SELECT TIMESTAMP '2024-01-01' + to_seconds(CAST(i * 3 AS BIGINT)) AS "Timestamp",
            'device-' || lpad(CAST(${h('i', 11, 1000)} AS VARCHAR), 4, '0') AS "DeviceId",
            ['cpu','memory','disk','network'][1 + ${h('i', 12, 4)}] AS "Metric",
            ${h('i', 13, 100000)} / 1000.0 AS "Value",
            CAST(${h('i', 14, 100)} AS BIGINT) AS "Count"
          FROM range(0, ${BIG_TELEMETRY_ROWS}) t(i)`)
        .then(() => undefined)),
  });
}
