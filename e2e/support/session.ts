import { expect, type Page } from '@playwright/test';
import { DEMO_USERS, IDENTITY_URL, type DemoUser } from '../../dev/stack';
import { selectors as s } from '../../src/testing/selectors';

export const analyst: DemoUser = DEMO_USERS[0]!;

/** Fills the local provider's login form. The page must already show it. */
export async function submitLoginForm(page: Page, user: DemoUser, password = user.password): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${IDENTITY_URL}/`));
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** From the app's signed-out screen through the provider's form, back to the signed-in app. */
export async function signIn(page: Page, user: DemoUser = analyst): Promise<void> {
  await page.goto('/');
  await page.getByRole(s.signIn.button.role, { name: s.signIn.button.name, exact: true }).click();
  await submitLoginForm(page, user);
  await expect(accountButton(page)).toBeVisible();
}

/** The header's account menu button ("Account: <name>"): there while signed in. */
export const accountButton = (page: Page) => page.getByRole(s.account.anyButton.role, { name: s.account.anyButton.name });
export const accountMenu = (page: Page) => page.getByRole(s.account.menu.role, { name: s.account.menu.name });

/** Account menu → "Sign out of <name>": the sign-out dialog opens. */
export async function openSignOut(page: Page): Promise<void> {
  await accountButton(page).click();
  await accountMenu(page).getByRole('menuitem', { name: /^Sign out of / }).click();
}
export const signOutDialog = (page: Page) => page.getByRole(s.signOut.dialog.role, { name: s.signOut.dialog.name });

/** The header's Sign out, then the dialog's choice (drafts are removed unless `keepDrafts`), back to the signed-out screen. */
export async function signOut(page: Page, { keepDrafts = false }: { keepDrafts?: boolean } = {}): Promise<void> {
  await openSignOut(page);
  const dialog = signOutDialog(page);
  await dialog.getByRole(s.signOut.keepDrafts.role, { name: s.signOut.keepDrafts.name }).setChecked(keepDrafts);
  await dialog.getByRole(s.signOut.confirm.role, { name: s.signOut.confirm.name }).click();
  await expect(signInButton(page)).toBeVisible();
}
export const signInButton = (page: Page) => page.getByRole(s.signIn.button.role, { name: s.signIn.button.name, exact: true });
/** monaco's input; it exists once the editor chunk has loaded (see `waitForEditor`). */
export const queryEditor = (page: Page) => page.getByRole(s.editor.query.role, { name: s.editor.query.name });
/** The read-only text shown until monaco arrives. */
export const queryPreview = (page: Page) => page.getByRole(s.editor.queryPreview.role, { name: s.editor.queryPreview.name });
export const cancelButton = (page: Page) => page.getByRole(s.editor.cancel.role, { name: s.editor.cancel.name });
export const queryContext = (page: Page) => page.getByRole(s.editor.context.role, { name: s.editor.context.name });
export const connectionPane = (page: Page) => page.getByRole(s.connections.pane.role, { name: s.connections.pane.name });

/** Shows the connection pane: at narrow widths it folds behind the header's Connections toggle. */
export async function showConnections(page: Page): Promise<void> {
  if (await connectionPane(page).isVisible()) return;
  await page.getByRole(s.header.connections.role, { name: s.header.connections.name }).click();
  await expect(connectionPane(page)).toBeVisible();
}
export const queryTabs = (page: Page) => page.getByRole(s.tabs.list.role, { name: s.tabs.list.name }).getByRole(s.tabs.tab.role);
export const runButton = (page: Page) => page.getByRole(s.editor.run.role, { name: s.editor.run.name });
export const resultStatus = (page: Page) => page.getByRole(s.results.status.role, { name: s.results.status.name });
export const resultGrid = (page: Page) => page.getByRole(s.results.grid.role, { name: s.results.grid.name });
/** The app's alerts; monaco keeps its own (empty) role=alert live regions for screen readers. */
export const errorAlert = (page: Page) => page.getByRole(s.error.role).and(page.locator(':not(.monaco-alert)'));

/** Data rows of the result grid (the header row has no gridcells). */
export const dataRows = (page: Page) =>
  resultGrid(page).getByRole(s.results.row.role).filter({ has: page.getByRole(s.results.cell.role) });

/** The editor wrapper carries the text the app holds (monaco renders only the visible lines). */
const queryTextHolder = (page: Page) => page.locator('[data-query-text]');

/** Waits until monaco is mounted and accepts input. */
export async function waitForEditor(page: Page): Promise<void> {
  await expect(page.locator('[data-editor-state="ready"]')).toBeVisible();
  await expect(queryEditor(page)).toHaveCount(1);
}

/** The active tab's query text, exactly. */
export async function expectQueryText(page: Page, text: string): Promise<void> {
  await expect(queryTextHolder(page)).toHaveAttribute('data-query-text', text);
}

/**
 * Replaces the editor's text. `fill` does not work on monaco; inserted text (unlike typed keys)
 * gets no auto-indent or auto-closed quotes, so the result is exactly `text`. The caret ends at
 * the end of the text.
 */
export async function setQueryText(page: Page, text: string): Promise<void> {
  await waitForEditor(page);
  await queryEditor(page).focus();
  await page.keyboard.press('ControlOrMeta+A');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.insertText(text);
  await expectQueryText(page, text);
  // An IntelliSense popup opened by the insert would take the next Enter.
  await page.keyboard.press('Escape');
}

/** Replaces the editor's text and runs it with the Run button (the statement at the caret, i.e. the last one). */
export async function runQuery(page: Page, kql: string): Promise<void> {
  await setQueryText(page, kql);
  await runButton(page).click();
}
