/**
 * One input per `declare query_parameters(...)` parameter, labelled by its name. A value the type
 * can't take is refused at the input with the reason (toParameterLiteral), before any run.
 */
import { useId } from 'react';
import { toParameterLiteral, type DeclaredParameter } from '../../../kusto/query-parameters';
import { selectors } from '../../../testing/selectors';
import '../parameters.css';

export interface ParametersFormProps {
  declared: readonly DeclaredParameter[];
  values: Readonly<Record<string, string>>;
  onChange: (name: string, value: string) => void;
}

const PLACEHOLDER: Partial<Record<DeclaredParameter['type'], string>> = {
  datetime: '2007-01-01 or 2007-01-01T13:45:00Z',
  timespan: '1d, 2h, 30m, 1.02:03:04',
  guid: '123e27de-1e4e-49d9-b579-fe0b331d3642',
  dynamic: '["a", "b"] or {"k": 1}',
  long: 'a whole number',
  int: 'a whole number',
  real: 'a number',
  double: 'a number',
  decimal: 'a number',
};

/** The reason to refuse what's typed, or null. An empty field falls back to the default, when there is one. */
export function fieldProblem(parameter: DeclaredParameter, value: string): string | null {
  if (parameter.type === 'unsupported') {
    return parameter.defaultLiteral !== undefined
      ? `${parameter.declaredType} values cannot be entered here; the query's default is used.`
      : `${parameter.declaredType} values cannot be entered here, and the declaration has no default.`;
  }
  if (value.trim() === '') {
    return parameter.defaultLiteral !== undefined || parameter.type === 'string' ? null : 'Enter a value: this parameter has no default.';
  }
  const result = toParameterLiteral(parameter.type, value);
  return result.ok ? null : result.reason;
}

function Field({ parameter, value, onChange }: { parameter: DeclaredParameter; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const problem = fieldProblem(parameter, value);
  const hint = parameter.defaultLiteral !== undefined ? `default ${parameter.defaultLiteral}` : 'no default';
  const common = {
    id,
    'aria-invalid': problem !== null,
    'aria-describedby': `${id}-hint${problem ? ` ${id}-problem` : ''}`,
  };
  return (
    <div className={`parameter-field${problem ? ' invalid' : ''}`}>
      <label htmlFor={id}>{parameter.name}</label>
      {parameter.type === 'bool' ? (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{parameter.defaultLiteral !== undefined ? `(default: ${parameter.defaultLiteral})` : '(choose)'}</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input
          {...common}
          type="text"
          spellCheck={false}
          disabled={parameter.type === 'unsupported'}
          placeholder={parameter.defaultLiteral ?? PLACEHOLDER[parameter.type] ?? ''}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <span id={`${id}-hint`} className="parameter-hint">{parameter.declaredType}, {hint}</span>
      {problem ? <span id={`${id}-problem`} className="parameter-problem">{problem}</span> : null}
    </div>
  );
}

export function ParametersForm({ declared, values, onChange }: ParametersFormProps) {
  if (declared.length === 0) return null;
  return (
    <fieldset role="group" aria-label={selectors.parameters.form.name} className="parameters-form">
      <legend>{selectors.parameters.form.name}</legend>
      {declared.map((p) => (
        <Field key={p.name} parameter={p} value={values[p.name] ?? ''} onChange={(v) => onChange(p.name, v)} />
      ))}
    </fieldset>
  );
}
