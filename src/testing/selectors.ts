/**
 * The accessible names the UI exposes, used by the components themselves and by tests
 * (Testing Library and Playwright), so a spec and a screen reader look for the same thing.
 * No imports: Node-side Playwright specs load this file as is.
 *
 * Playwright: `page.getByRole(s.signIn.button.role, { name: s.signIn.button.name, exact: true })`.
 */

export const selectors = {
  config: {
    heading: { role: 'heading', name: 'The app is not configured correctly' },
  },
  signIn: {
    heading: { role: 'heading', name: 'Sign in' },
    button: { role: 'button', name: 'Sign in' },
  },
  header: {
    signOut: { role: 'button', name: 'Sign out' },
    /** Text of the cluster in use, e.g. "https://localhost:8443". */
    cluster: { role: 'group', name: 'Connection' },
    database: { role: 'combobox', name: 'Database' },
  },
  editor: {
    query: { role: 'textbox', name: 'Query' },
    run: { role: 'button', name: 'Run' },
  },
  results: {
    grid: { role: 'grid', name: 'Results' },
    columnHeader: { role: 'columnheader' },
    cell: { role: 'gridcell' },
    row: { role: 'row' },
    /** role=status; its whole text is `recordsText(n)`, n in plain digits. */
    status: { role: 'status', name: 'Result status' },
  },
  /** Errors from sign-in, the cluster, or the response: role=alert with Kusto's message. */
  error: { role: 'alert' },
} as const;

/** "1 record", "59066 records": plain digits, no thousands separator. */
export function recordsText(count: number): string {
  return `${count} ${count === 1 ? 'record' : 'records'}`;
}

/** Matches the status text and captures the count. */
export const RECORDS_PATTERN = /^(\d+) records?$/;
