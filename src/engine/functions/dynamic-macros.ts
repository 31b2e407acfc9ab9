/**
 * DuckDB macros of the dynamic family (SQL text, sql-macros.ts JSON_MACROS: hosts with JSON only). Arrays are
 * LIST(JSON) here; bags JSON objects.
 */
export const DYNAMIC_MACROS: readonly string[] = [
  // Distinct elements in the order they first appear (Kusto's set_* and make_set keep it).
  `CREATE OR REPLACE MACRO kql_distinct(l) AS list_filter(l, (__e, __i) -> list_position(l, __e) = __i)`,
  // array_slice(): inclusive bounds, negative ones from the end, out-of-range ones ignored.
  `CREATE OR REPLACE MACRO kql_array_slice_at(l, s, e) AS to_json(list_slice(l, greatest(s, 0) + 1, least(e, len(l) - 1) + 1))`,
  `CREATE OR REPLACE MACRO kql_array_slice(l, s, e) AS CASE WHEN l IS NOT NULL THEN kql_array_slice_at(l, CASE WHEN s < 0 THEN len(l) + s ELSE s END, CASE WHEN e < 0 THEN len(l) + e ELSE e END) END`,
  `CREATE OR REPLACE MACRO kql_rotate_at(l, k) AS to_json(list_concat(list_slice(l, k + 1, len(l)), list_slice(l, 1, k)))`,
  `CREATE OR REPLACE MACRO kql_rotate_left(l, n) AS CASE WHEN len(l) = 0 THEN to_json(l) ELSE kql_rotate_at(l, ((n % len(l)) + len(l)) % len(l)) END`,
  // array_split(): cut points (negative from the end, clamped to the array) → [0..i1), [i1..i2), …
  `CREATE OR REPLACE MACRO kql_split_at(l, b) AS to_json(list_transform(range(1, len(b)), __j -> list_slice(l, b[__j] + 1, b[__j + 1])))`,
  `CREATE OR REPLACE MACRO kql_array_split(l, cuts) AS CASE WHEN l IS NOT NULL THEN kql_split_at(l, list_concat([0], list_transform(cuts, __c -> least(greatest(CASE WHEN __c < 0 THEN len(l) + __c ELSE __c END, 0), len(l))), [len(l)])) END`,
  // array_sort_*: numbers, then strings, then everything else; nulls first or last; the 1-based order of the elements.
  `CREATE OR REPLACE MACRO kql_sort_key(e, i) AS {'rank': CASE WHEN json_type(e) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN 0 WHEN json_type(e) = 'VARCHAR' THEN 1 ELSE 2 END, 'number': TRY_CAST(e ->> '$' AS DOUBLE), 'text': e ->> '$', 'i': i}`,
  `CREATE OR REPLACE MACRO kql_nulls_at(l) AS list_filter(range(1, len(l) + 1), __i -> json_type(l[__i]) = 'NULL' OR l[__i] IS NULL)`,
  `CREATE OR REPLACE MACRO kql_values_at(l) AS list_filter(range(1, len(l) + 1), __i -> json_type(l[__i]) <> 'NULL')`,
  `CREATE OR REPLACE MACRO kql_sort_order_asc(l, nulls_last) AS CASE WHEN nulls_last
     THEN list_concat(list_transform(list_sort(list_transform(kql_values_at(l), __i -> kql_sort_key(l[__i], __i)), 'ASC'), __k -> __k.i), kql_nulls_at(l))
     ELSE list_concat(kql_nulls_at(l), list_transform(list_sort(list_transform(kql_values_at(l), __i -> kql_sort_key(l[__i], __i)), 'ASC'), __k -> __k.i)) END`,
  `CREATE OR REPLACE MACRO kql_sort_order_desc(l, nulls_last) AS CASE WHEN nulls_last
     THEN list_concat(list_transform(list_sort(list_transform(kql_values_at(l), __i -> kql_sort_key(l[__i], -__i)), 'DESC'), __k -> -__k.i), kql_nulls_at(l))
     ELSE list_concat(kql_nulls_at(l), list_transform(list_sort(list_transform(kql_values_at(l), __i -> kql_sort_key(l[__i], -__i)), 'DESC'), __k -> -__k.i)) END`,
  // Property bags: their (key, value) entries in order; a bag of entries where the first of each key wins.
  `CREATE OR REPLACE MACRO kql_bag_entries(b) AS CASE WHEN json_type(b) = 'OBJECT' THEN list_transform(json_keys(b), __k -> {'k': __k, 'v': json_extract(b, '$."' || replace(__k, '"', '\\"') || '"')}) ELSE [] END`,
  `CREATE OR REPLACE MACRO kql_bag_of_distinct(es) AS CASE WHEN len(es) = 0 THEN '{}'::JSON ELSE to_json(map_from_entries(es)) END`,
  `CREATE OR REPLACE MACRO kql_bag_of(es) AS kql_bag_of_distinct(list_filter(es, (__x, __i) -> list_position(list_transform(es, __y -> __y.k), __x.k) = __i))`,
  // The same for make_bag's thousands of entries: grouped by key in a subquery (the list_position
  // search above is quadratic: 13 s for 6,000 entries, 0.09 s this way).
  `CREATE OR REPLACE MACRO kql_bag_of_many(es) AS (SELECT CASE WHEN count(*) = 0 THEN '{}'::JSON ELSE to_json(map_from_entries(list({'k': k, 'v': v} ORDER BY i))) END
     FROM (SELECT __e.k AS k, arg_min(__e.v, __i) AS v, min(__i) AS i FROM (SELECT unnest(es) AS __e, generate_subscripts(es, 1) AS __i) GROUP BY __e.k))`,
];
