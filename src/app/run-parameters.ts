/** The parameters a run sends (`properties.Parameters`) and a share link carries: the values of those its text declares. */
import { parseDeclaredParameters, toParameterValues } from '../kusto/query-parameters';

/** What a share link carries: the values typed for the parameters `text` declares (empty ones left out). */
export function linkParametersFor(text: string, values: Readonly<Record<string, string>>): Record<string, string> {
  const declared = new Set(parseDeclaredParameters(text).map((p) => p.name));
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => declared.has(name) && value !== ''));
}

/** `properties.Parameters` for `text`: only the parameters it declares, or why the values are refused. */
export function parametersFor(text: string, values: Readonly<Record<string, string>>): { ok: true; parameters: Record<string, string> | undefined } | { ok: false; reason: string } {
  const result = toParameterValues(parseDeclaredParameters(text), values);
  if (!result.ok) return { ok: false, reason: result.errors.map((e) => `${e.name}: ${e.reason}`).join(' ') };
  return { ok: true, parameters: Object.keys(result.parameters).length > 0 ? result.parameters : undefined };
}
