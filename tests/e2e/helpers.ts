/**
 * Shared steps for the browser tests.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = () => process.env.PARLEY_E2E_PASSWORD as string;

export const DEMO = {
  admin: "admin@parley.test",
  sam: "sam@parley.test",
  riley: "riley@parley.test",
  lee: "lee@parley.test",
} as const;

export async function signIn(page: Page, email: string, password = PASSWORD()): Promise<void> {
  await page.goto("/signin");
  await page.getByTestId("signin-email").fill(email);
  await page.getByTestId("signin-password").fill(password);
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("app-shell")).toBeVisible();
}

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}
