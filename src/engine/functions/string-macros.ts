/**
 * DuckDB macros of the string family (SQL text, registered by every host with ENGINE_MACROS):
 * searches whose Kusto semantics take more than one SQL function.
 */
export const STRING_MACROS: readonly string[] = [
  // Every (overlapping) 0-based position of m in s from st on.
  `CREATE OR REPLACE MACRO kql_positions(s, m, st) AS list_filter(range(st, length(s) - length(m) + 1), __p -> substr(s, __p + 1, length(m)) = m)`,
  `CREATE OR REPLACE MACRO kql_countof(s, m) AS CASE WHEN m = '' THEN 0 ELSE CAST(len(kql_positions(s, m, 0)) AS BIGINT) END`,
  // indexof(): occurrence k is searched from one past occurrence k-1, and must end within len characters of where its search began.
  `CREATE OR REPLACE MACRO kql_indexof_in(ps, mlen, st, len, occ) AS CASE
     WHEN len(ps) < occ THEN -1
     WHEN len = -1 THEN ps[occ]
     WHEN list_bool_and(list_transform(range(1, occ + 1), __i -> ps[__i] + mlen <= CASE WHEN __i = 1 THEN st ELSE ps[__i - 1] + 1 END + len)) THEN ps[occ]
     ELSE -1 END`,
  `CREATE OR REPLACE MACRO kql_indexof_from(s, m, st, len, occ) AS CASE
     WHEN s IS NULL OR m IS NULL OR st < 0 OR len < -1 OR occ < 1 THEN NULL
     ELSE CAST(kql_indexof_in(kql_positions(s, m, st), length(m), st, len, occ) AS BIGINT) END`,
  `CREATE OR REPLACE MACRO kql_indexof(s, m, start, len, occ) AS kql_indexof_from(s, m, CASE WHEN start < 0 THEN length(s) + start ELSE start END, len, occ)`,
];
