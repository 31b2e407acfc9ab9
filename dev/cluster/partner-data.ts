/**
 * The partner tenant's database (PARTNER_DATABASE on PARTNER_CLUSTER_URL): a small table of
 * shipments, loaded through the engine's own management calls so the shared engine needs no
 * special case. Deterministic: the same rows on every start.
 */
import { PARTNER_DATABASE } from '../stack';
import type { KustoColumn, KustoEngine } from './engine/types';

export const SHIPMENTS_TABLE = 'Shipments';

const COLUMNS: KustoColumn[] = [
  { ColumnName: 'ShipmentId', ColumnType: 'long' },
  { ColumnName: 'Shipped', ColumnType: 'datetime' },
  { ColumnName: 'Warehouse', ColumnType: 'string' },
  { ColumnName: 'Destination', ColumnType: 'string' },
  { ColumnName: 'Pallets', ColumnType: 'int' },
  { ColumnName: 'Delivered', ColumnType: 'bool' },
];

const WAREHOUSES = ['Rotterdam', 'Hamburg', 'Gdansk', 'Antwerp'];
const DESTINATIONS = ['Oslo', 'Lyon', 'Porto', 'Brno', 'Turku', 'Graz'];
export const SHIPMENT_ROWS = 24;

export function shipmentsCsv(): string {
  const lines: string[] = [];
  for (let i = 1; i <= SHIPMENT_ROWS; i++) {
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
    lines.push(
      [i, `2024-03-${day}T${String(6 + (i % 12)).padStart(2, '0')}:00:00Z`, WAREHOUSES[i % 4], DESTINATIONS[i % 6], 1 + ((i * 5) % 17), i % 3 !== 0].join(','),
    );
  }
  return lines.join('\n');
}

export async function loadPartnerData(engine: KustoEngine): Promise<void> {
  if (engine.databases().some((d) => d.Name === PARTNER_DATABASE)) return;
  await engine.createTable(PARTNER_DATABASE, SHIPMENTS_TABLE, COLUMNS);
  await engine.ingestInlineCsv(PARTNER_DATABASE, SHIPMENTS_TABLE, shipmentsCsv());
}
