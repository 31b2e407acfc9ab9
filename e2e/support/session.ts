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
  await expect(signOutButton(page)).toBeVisible();
}

export const signOutButton = (page: Page) => page.getByRole(s.header.signOut.role, { name: s.header.signOut.name });
export const signInButton = (page: Page) => page.getByRole(s.signIn.button.role, { name: s.signIn.button.name, exact: true });
export const queryEditor = (page: Page) => page.getByRole(s.editor.query.role, { name: s.editor.query.name });
export const runButton = (page: Page) => page.getByRole(s.editor.run.role, { name: s.editor.run.name });
export const resultStatus = (page: Page) => page.getByRole(s.results.status.role, { name: s.results.status.name });
export const resultGrid = (page: Page) => page.getByRole(s.results.grid.role, { name: s.results.grid.name });
export const errorAlert = (page: Page) => page.getByRole(s.error.role);

/** Data rows of the result grid (the header row has no gridcells). */
export const dataRows = (page: Page) =>
  resultGrid(page).getByRole(s.results.row.role).filter({ has: page.getByRole(s.results.cell.role) });

/** Replaces the editor's text and runs it with the Run button. */
export async function runQuery(page: Page, kql: string): Promise<void> {
  await queryEditor(page).fill(kql);
  await runButton(page).click();
}
