/**
 * Which databases a cluster serves and who may read each: the local stand-in for Kusto's
 * database roles. A principal from a trusted tenant still needs a role on the database
 * ("Validation of correct roles takes place after validation of trusted external tenants",
 * learn.microsoft.com/azure/data-explorer/cross-tenant-query-and-commands); here a role is granted
 * to whole tenants.
 */
import type { DatabaseSchema, KustoEngine } from '../engine/types';
import type { Caller } from './auth';

export interface DatabaseAccess {
  /** Whether this cluster serves an engine database (several clusters may share one engine). Default: all. */
  serves?: (database: string) => boolean;
  /** Per database, the tenants (`tid`) whose principals may read it. */
  readers?: Readonly<Record<string, readonly string[]>>;
  /** The readers of a database not in `readers`. Default: every accepted caller. */
  defaultReaders?: readonly string[];
}

export type DatabaseVerdict = 'readable' | 'not-served' | 'forbidden';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function lookup<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  if (!record) return undefined;
  const key = Object.keys(record).find((k) => same(k, name));
  return key === undefined ? undefined : record[key];
}

export function databaseVerdict(access: DatabaseAccess, caller: Caller, database: string): DatabaseVerdict {
  if (access.serves && !access.serves(database)) return 'not-served';
  const readers = lookup(access.readers, database) ?? access.defaultReaders;
  if (readers && !(caller.tenantId && readers.includes(caller.tenantId))) return 'forbidden';
  return 'readable';
}

/** Kusto's wording when a principal has no role on a database. */
export function notAuthorizedMessage(caller: Caller, database: string): string {
  return `Principal '${caller.principal}' is not authorized to read database '${database}'.`;
}

/** The engine as one caller sees it through this cluster: only the databases they may read. */
export function engineViewFor(engine: KustoEngine, access: DatabaseAccess, caller: Caller): KustoEngine {
  if (!access.serves && !access.readers && !access.defaultReaders) return engine;
  const visible = (d: DatabaseSchema) => databaseVerdict(access, caller, d.Name) === 'readable';
  return Object.assign(Object.create(engine) as KustoEngine, { databases: () => engine.databases().filter(visible) });
}
