/**
 * ContosoSales (related tables for joins), generated inside DuckDB from deterministic hashes of
 * row numbers: the same rows on every host that runs this SQL (DuckDB's hash() is part of its
 * storage format, the same on node-api and wasm builds of one version).
 */
import type { KustoColumn } from '../types';

const col = (ColumnName: string, ColumnType: KustoColumn['ColumnType']): KustoColumn => ({ ColumnName, ColumnType });

export const CONTOSO_CUSTOMERS = 500;
export const CONTOSO_PRODUCTS = 60;
export const CONTOSO_SALES = 20000;

/** hash(i, salt) is deterministic in DuckDB across runs; modulo maps it into a range. */
export const hashedInt = (expr: string, salt: number, mod: number) => `CAST(hash(${expr}, ${salt}) % ${mod} AS BIGINT)`;
const h = hashedInt;

export interface GeneratedTable {
  name: string;
  columns: KustoColumn[];
  /** `INSERT INTO <table> SELECT …` filling the (already created) table, given its SQL name. */
  insertSql(tableSql: string): string;
}

const first = `['Ana','Ben','Chen','Dana','Eli','Fatima','Gus','Hana','Ivan','Jo','Kemal','Lena']`;
const last = `['Smith','Garcia','Kim','Novak','Okafor','Rossi','Schmidt','Tanaka','Silva','Dubois']`;
const cities = `[['Seattle','United States'],['Toronto','Canada'],['Berlin','Germany'],['Paris','France'],['Tokyo','Japan'],['Sydney','Australia'],['London','United Kingdom'],['Austin','United States']]`;
const categories = `['Audio','Cameras','Cell phones','Computers','TV and Video','Games and Toys']`;

export const CONTOSO_SALES_TABLES: GeneratedTable[] = [
  {
    name: 'Customers',
    columns: [col('CustomerKey', 'long'), col('FirstName', 'string'), col('LastName', 'string'), col('City', 'string'), col('RegionCountryName', 'string')],
    insertSql: (t) => `INSERT INTO ${t}
    SELECT i, ${first}[1 + ${h('i', 1, 12)}], ${last}[1 + ${h('i', 2, 10)}],
      ${cities}[1 + ${h('i', 3, 8)}][1], ${cities}[1 + ${h('i', 3, 8)}][2]
    FROM range(1, ${CONTOSO_CUSTOMERS + 1}) t(i)`,
  },
  {
    name: 'Products',
    columns: [col('ProductKey', 'long'), col('ProductName', 'string'), col('ProductCategoryName', 'string'), col('UnitPrice', 'real')],
    insertSql: (t) => `INSERT INTO ${t}
    SELECT i, 'Product ' || i, ${categories}[1 + (i % 6)], round(5 + ${h('i', 4, 200000)} / 100.0, 2)
    FROM range(1, ${CONTOSO_PRODUCTS + 1}) t(i)`,
  },
  {
    name: 'SalesFact',
    columns: [col('CustomerKey', 'long'), col('ProductKey', 'long'), col('DateKey', 'datetime'), col('SalesAmount', 'real'), col('TotalCost', 'real')],
    insertSql: (t) => `INSERT INTO ${t}
    SELECT 1 + ${h('i', 5, CONTOSO_CUSTOMERS)}, 1 + ${h('i', 6, CONTOSO_PRODUCTS)},
      TIMESTAMP '2023-01-01' + to_days(CAST(${h('i', 7, 365)} AS INTEGER)),
      round(10 + ${h('i', 8, 100000)} / 100.0, 2), round(5 + ${h('i', 9, 50000)} / 100.0, 2)
    FROM range(0, ${CONTOSO_SALES}) t(i)`,
  },
];
