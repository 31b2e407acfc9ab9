import { useCallback, useMemo, useState } from 'react';
import { parseDeclaredParameters, toParameterValues, type DeclaredParameter, type ParameterValuesResult } from '../../../kusto/query-parameters';

export interface QueryParametersState {
  declared: DeclaredParameter[];
  /** What the user typed, by parameter name (a share link's `p.<name>` values start here). */
  values: Record<string, string>;
  setValue: (name: string, value: string) => void;
  /** `properties.Parameters` for the run, or every field's reason for refusing it. */
  result: ParameterValuesResult;
}

/**
 * The parameters `query` declares and the values typed for them. Values of parameters that
 * disappear from the text are kept, so deleting and retyping a declaration loses nothing.
 */
export function useQueryParameters(query: string, initial: Readonly<Record<string, string>> = {}): QueryParametersState {
  const declared = useMemo(() => parseDeclaredParameters(query), [query]);
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...initial }));
  const setValue = useCallback((name: string, value: string) => setValues((v) => ({ ...v, [name]: value })), []);
  const result = useMemo(() => toParameterValues(declared, values), [declared, values]);
  return { declared, values, setValue, result };
}
