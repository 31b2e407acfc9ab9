import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { selectors } from '../../../testing/selectors';
import { useQueryParameters, type QueryParametersState } from '../hooks/use-query-parameters';
import { ParametersForm } from './parameters-form';

afterEach(cleanup);

const QUERY = `declare query_parameters(state:string = "TEXAS", since:datetime, n:long = 10, exact:bool = false);
StormEvents | where State == state and StartTime >= since | take n`;

let latest: QueryParametersState | null = null;
function Harness({ query, initial }: { query: string; initial?: Record<string, string> }) {
  const state = useQueryParameters(query, initial);
  latest = state;
  return <ParametersForm declared={state.declared} values={state.values} onChange={state.setValue} />;
}

const field = (name: string) => screen.getByLabelText(name);
const describedBy = (el: HTMLElement) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' | ');

describe('ParametersForm', () => {
  it('shows one typed input per declared parameter, labelled by its name', () => {
    render(<Harness query={QUERY} />);
    expect(screen.getByRole('group', { name: selectors.parameters.form.name })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'state' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'since' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'n' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'exact' })).toBeTruthy();
    expect(describedBy(field('n'))).toBe('long, default 10');
  });

  it('shows a tabular parameter disabled, with why', () => {
    render(<Harness query="declare query_parameters(T:(x:long)); T | count" />);
    const input = screen.getByRole('textbox', { name: 'T' }) as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(describedBy(input)).toBe('(x:long), no default | (x:long) values cannot be entered here, and the declaration has no default.');
    expect(latest?.result.ok).toBe(false);
  });

  it('refuses a bad value at the input with the reason, and produces properties.Parameters once fixed', async () => {
    const user = userEvent.setup();
    render(<Harness query={QUERY} />);
    expect(field('since').getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(field('since'))).toBe('datetime, no default | Enter a value: this parameter has no default.');

    await user.type(field('since'), '2007-13-01');
    expect(describedBy(field('since'))).toMatch(/is not a date|not a valid date/);
    await user.type(field('n'), 'ten');
    expect(field('n').getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(field('n'))).toBe('long, default 10 | "ten" is not a whole number.');
    expect(latest?.result.ok).toBe(false);

    await user.clear(field('since'));
    await user.type(field('since'), '2007-06-01');
    await user.clear(field('n'));
    await user.type(field('n'), '25');
    await user.selectOptions(field('exact'), 'true');
    expect(field('since').getAttribute('aria-invalid')).toBe('false');
    expect(latest?.result).toEqual({ ok: true, parameters: { since: 'datetime(2007-06-01)', n: '25', exact: 'true' } });
  });

  it('starts from a share link values and leaves empty defaulted fields to the server', () => {
    render(<Harness query={QUERY} initial={{ since: '2007-01-01', state: 'KANSAS' }} />);
    expect((field('state') as HTMLInputElement).value).toBe('KANSAS');
    expect(latest?.result).toEqual({ ok: true, parameters: { state: 'KANSAS', since: 'datetime(2007-01-01)' } });
  });

  it('renders nothing when the query declares no parameters', () => {
    const { container } = render(<Harness query="StormEvents | take 10" />);
    expect(container.innerHTML).toBe('');
  });
});
