/** Dynamic (JSON) values: arrays and property bags (Kusto docs "Dynamic/array functions"). */
import { unsupportedSyntax } from '../errors';
import type { KNode } from '../kusto-language';
import { toJsonValue, typeOf } from '../values';
import { arg, fn, type FunctionSpec, type FunctionTable, type ScalarContext, variadic } from './library';

/** bag_pack/pack(key, value, ...) → JSON object; keys must be string literals or strings. */
function bagPack(t: ScalarContext, a: KNode[], c: KNode): string {
  if (a.length % 2 !== 0) throw unsupportedSyntax('bag_pack with an odd number of arguments', c);
  const parts: string[] = [];
  for (let i = 0; i < a.length; i += 2) {
    const k = arg(a, i, c);
    const v = arg(a, i + 1, c);
    parts.push(`${t.translate(k)}, ${toJsonValue(t.translate(v), typeOf(v))}`);
  }
  return `json_object(${parts.join(', ')})`;
}

const bagPackSpec: FunctionSpec = variadic(0, bagPack);

export const DYNAMIC_FUNCTIONS: FunctionTable = {
  array_length: fn(1, 1, (t, a, c) => {
    const v = t.translate(arg(a, 0, c));
    return `CASE WHEN json_type(${v}) = 'ARRAY' THEN CAST(json_array_length(${v}) AS BIGINT) END`;
  }),
  bag_keys: fn(1, 1, (t, a, c) => {
    const v = t.translate(arg(a, 0, c));
    return `CASE WHEN json_type(${v}) = 'OBJECT' THEN to_json(json_keys(${v})) END`;
  }),
  pack_array: variadic(0, (t, a) => `json_array(${a.map((x) => toJsonValue(t.translate(x), typeOf(x))).join(', ')})`),
  bag_pack: bagPackSpec,
  pack: bagPackSpec,
};
