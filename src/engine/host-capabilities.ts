/**
 * What a host's DuckDB can do beyond its core. The local cluster (@duckdb/node-api) has the JSON
 * extension built in; DuckDB-wasm does not — its stock build would download the extension from
 * the internet (extensions.duckdb.org), which a browser host that promises nothing leaves the
 * browser must not do. Checked on npm: @duckdb/duckdb-wasm 1.32.0 and 1.33.1-dev65.0 (DuckDB
 * v1.5.6) both load only `core_functions` without fetching.
 *
 * Without JSON a host stores `dynamic` as VARCHAR holding JSON text: dynamic columns and literals
 * pass through queries as values, and every construct whose SQL needs a JSON function (member
 * access, parse_json, bag_pack, make_list, mv-expand, …) is refused with its name.
 */
import { RUNTIME_UNSUPPORTED, Unsupported } from './errors';
import type { KNode } from './kusto-language';
import { JSON_MACROS } from './sql-macros';

export interface HostCapabilities {
  /** DuckDB's JSON extension (json_extract, to_json, the JSON type) is loaded. */
  json: boolean;
}

export const FULL_HOST: HostCapabilities = { json: true };

/** The words of every refusal for want of JSON (a host's tests tell these refusals from other failures by them). */
export const NEEDS_JSON_EXTENSION = "it needs DuckDB's JSON extension";

/** Functions and operators of DuckDB's JSON extension (https://duckdb.org/docs/data/json/json_functions). */
const JSON_EXTENSION = /\b(?:json_[a-z_]+|to_json|from_json|from_json_strict|read_json\w*)\s*\(|->>/i;
const JSON_TYPE = /(\bAS\s+JSON\b|::JSON\b)/gi;

/** `sql` with its single-quoted literals blanked, so text inside a user's string never matches. */
function outsideStrings(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "''");
}

/** Calls of the macros only hosts with JSON register (sql-macros.ts JSON_MACROS). */
const JSON_MACRO_NAMES = JSON_MACROS.flatMap((m) => /^\s*CREATE\s+OR\s+REPLACE\s+MACRO\s+(\w+)\s*\(/i.exec(m)?.[1] ?? []);
const JSON_MACRO_CALL = new RegExp(`\\b(?:${JSON_MACRO_NAMES.join('|')})\\s*\\(`, 'i');

export function needsJsonExtension(sql: string): boolean {
  const code = outsideStrings(sql);
  return JSON_EXTENSION.test(code) || JSON_MACRO_CALL.test(code);
}

/** Refuses `what` (e.g. "the 'bag_pack' function") on a host without JSON when its SQL needs the extension. */
export function requireJsonFor(host: HostCapabilities | undefined, sql: string, what: string, at: KNode | null): void {
  if (!host || host.json || !needsJsonExtension(sql)) return;
  throw new Unsupported(
    'UnsupportedFunction',
    `${RUNTIME_UNSUPPORTED} ${what} on this host yet: ${NEEDS_JSON_EXTENSION}, which DuckDB-wasm would download ` +
      'from the internet, and nothing is downloaded here. Dynamic values can be projected, filtered for null and converted with tostring().',
    at,
  );
}

/** The JSON type as this host stores dynamic values: JSON, or VARCHAR holding JSON text. */
export function dynamicTypeSql(host: HostCapabilities | undefined, sql: string): string {
  if (!host || host.json) return sql;
  let out = '';
  let at = 0;
  // Only outside string literals.
  for (const m of sql.matchAll(/'(?:[^']|'')*'/g)) {
    out += sql.slice(at, m.index).replace(JSON_TYPE, (t) => t.replace(/JSON/i, 'VARCHAR'));
    out += m[0];
    at = m.index + m[0].length;
  }
  return out + sql.slice(at).replace(JSON_TYPE, (t) => t.replace(/JSON/i, 'VARCHAR'));
}
