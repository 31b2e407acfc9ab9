import { expect, type Page } from '@playwright/test';
import { DEMO_USERS, IDENTITY_URL, type DemoUser } from '../../dev/stack';

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
  await page.getByRole('button', { name: 'Sign in' }).click();
  await submitLoginForm(page, user);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Replaces the editor's text and runs it with the Run button. */
export async function runQuery(page: Page, kql: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Query' });
  await editor.fill(kql);
  await page.getByRole('button', { name: 'Run' }).click();
}
