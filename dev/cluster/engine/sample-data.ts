/**
 * More sample databases, generated inside DuckDB from deterministic hashes of row numbers:
 * ContosoSales (related tables for joins) at start, and Big.Telemetry (10M rows, for benchmarks)
 * on first use only, so a normal start stays fast.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Catalog, sqlTableName } from './catalog';
import type { KustoColumn } from './types';

const col = (ColumnName: string, ColumnType: KustoColumn['ColumnType']): KustoColumn => ({ ColumnName, ColumnType });

export const CONTOSO_CUSTOMERS = 500;
export const CONTOSO_PRODUCTS = 60;
export const CONTOSO_SALES = 20000;
export const BIG_TELEMETRY_ROWS = 10_000_000;

// hash(i, salt) is deterministic in DuckDB across runs; modulo maps it into a range.
const h = (expr: string, salt: number, mod: number) => `CAST(hash(${expr}, ${salt}) % ${mod} AS BIGINT)`;

export async function loadContosoSales(catalog: Catalog, conn: DuckDBConnection): Promise<void> {
  const db = 'ContosoSales';
  await catalog.ensureDatabase(db);
  await catalog.createTable(db, {
    name: 'Customers',
    columns: [col('CustomerKey', 'long'), col('FirstName', 'string'), col('LastName', 'string'), col('City', 'string'), col('RegionCountryName', 'string')],
  });
  await catalog.createTable(db, {
    name: 'Products',
    columns: [col('ProductKey', 'long'), col('ProductName', 'string'), col('ProductCategoryName', 'string'), col('UnitPrice', 'real')],
  });
  await catalog.createTable(db, {
    name: 'SalesFact',
    columns: [col('CustomerKey', 'long'), col('ProductKey', 'long'), col('DateKey', 'datetime'), col('SalesAmount', 'real'), col('TotalCost', 'real')],
  });
  const first = `['Ana','Ben','Chen','Dana','Eli','Fatima','Gus','Hana','Ivan','Jo','Kemal','Lena']`;
  const last = `['Smith','Garcia','Kim','Novak','Okafor','Rossi','Schmidt','Tanaka','Silva','Dubois']`;
  const cities = `[['Seattle','United States'],['Toronto','Canada'],['Berlin','Germany'],['Paris','France'],['Tokyo','Japan'],['Sydney','Australia'],['London','United Kingdom'],['Austin','United States']]`;
  await conn.run(`INSERT INTO ${sqlTableName(db, 'Customers')}
    SELECT i, ${first}[1 + ${h('i', 1, 12)}], ${last}[1 + ${h('i', 2, 10)}],
      ${cities}[1 + ${h('i', 3, 8)}][1], ${cities}[1 + ${h('i', 3, 8)}][2]
    FROM range(1, ${CONTOSO_CUSTOMERS + 1}) t(i)`);
  const categories = `['Audio','Cameras','Cell phones','Computers','TV and Video','Games and Toys']`;
  await conn.run(`INSERT INTO ${sqlTableName(db, 'Products')}
    SELECT i, 'Product ' || i, ${categories}[1 + (i % 6)], round(5 + ${h('i', 4, 200000)} / 100.0, 2)
    FROM range(1, ${CONTOSO_PRODUCTS + 1}) t(i)`);
  await conn.run(`INSERT INTO ${sqlTableName(db, 'SalesFact')}
    SELECT 1 + ${h('i', 5, CONTOSO_CUSTOMERS)}, 1 + ${h('i', 6, CONTOSO_PRODUCTS)},
      TIMESTAMP '2023-01-01' + to_days(CAST(${h('i', 7, 365)} AS INTEGER)),
      round(10 + ${h('i', 8, 100000)} / 100.0, 2), round(5 + ${h('i', 9, 50000)} / 100.0, 2)
    FROM range(0, ${CONTOSO_SALES}) t(i)`);
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
