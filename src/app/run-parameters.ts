/** The `properties.Parameters` a run sends: the values of the parameters its text declares. */
import { parseDeclaredParameters, toParameterValues } from '../kusto/query-parameters';

/** `properties.Parameters` for `text`: only the parameters it declares, or why the values are refused. */
export function parametersFor(text: string, values: Readonly<Record<string, string>>): { ok: true; parameters: Record<string, string> | undefined } | { ok: false; reason: string } {
  const result = toParameterValues(parseDeclaredParameters(text), values);
  if (!result.ok) return { ok: false, reason: result.errors.map((e) => `${e.name}: ${e.reason}`).join(' ') };
  return { ok: true, parameters: Object.keys(result.parameters).length > 0 ? result.parameters : undefined };
}
