/** The scalar function library: every family's table, by Kusto function name (lower case). */
import { ARRAY_FUNCTIONS, ARRAY_TUPLE_FUNCTIONS } from './arrays';
import { BAG_FUNCTIONS } from './bags';
import { CONVERSION_FUNCTIONS } from './conversions';
import { DATETIME_FUNCTIONS } from './datetime';
import { DYNAMIC_FUNCTIONS } from './dynamic';
import { ENCODING_FUNCTIONS } from './encoding';
import type { FunctionTable } from './library';
import { LOGIC_FUNCTIONS } from './logic';
import { MATH_FUNCTIONS } from './math';
import { REGEX_FUNCTIONS } from './regex';
import { SERIES_FUNCTIONS, TUPLE_FUNCTIONS as SERIES_TUPLE_FUNCTIONS } from './series';
import { STRING_FUNCTIONS } from './strings';

export const SCALAR_FUNCTIONS: FunctionTable = {
  ...LOGIC_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...REGEX_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...DYNAMIC_FUNCTIONS,
  ...ARRAY_FUNCTIONS,
  ...BAG_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...SERIES_FUNCTIONS,
};

/** Calls that give several columns (`extend (a, b) = …`, or one column per part). */
export const TUPLE_FUNCTIONS = { ...SERIES_TUPLE_FUNCTIONS, ...ARRAY_TUPLE_FUNCTIONS };
