import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers.ts";

test("an admin creates an office and invites a user, who sets a password and signs in", async ({ page, browser }) => {
  const suffix = Date.now().toString(36);
  const office = `Registrar ${suffix}`;
  const email = `casey.${suffix}@parley.test`;
  await signIn(page, DEMO.admin);
  await page.getByTestId("nav-admin").click();
  await page.getByTestId("office-name-input").fill(office);
  await page.getByTestId("office-create").click();
  await expect(page.getByTestId("office-row-name").filter({ hasText: office })).toBeVisible();

  await page.getByTestId("user-add").click();
  await page.getByTestId("user-form-name").fill("Casey Invited");
  await page.getByTestId("user-form-email").fill(email);
  await page.getByTestId("user-form-role").selectOption("standard");
  await page.getByTestId(`user-form-office-${office}`).check();
  await page.getByTestId("user-form-save").click();
  const row = page.getByTestId("user-row").filter({ hasText: email });
  await expect(row.getByTestId("user-row-status")).toHaveText(/Invited/);

  await page.getByTestId("user-add").click();
  await page.getByTestId("user-form-name").fill("Duplicate");
  await page.getByTestId("user-form-email").fill(email.toUpperCase());
  await page.getByTestId("user-form-save").click();
  await expect(page.getByTestId("user-form-error")).toBeVisible();

  const context = await browser.newContext();
  const invited = await context.newPage();
  await invited.goto("/signin");
  await invited.getByTestId("signin-mode-toggle").click();
  await invited.getByTestId("signin-email").fill(email);
  await invited.getByTestId("signin-password").fill("a-new-password-1");
  await invited.getByTestId("signin-submit").click();
  await expect(invited.getByTestId("app-shell")).toBeVisible();
  await expect(invited.getByTestId("viewer-name")).toHaveText(/Casey Invited/);
  await expect(invited.getByTestId("office-filter")).toContainText(office);
  await expect(row.getByTestId("user-row-status")).toHaveText(/Active/);
  await context.close();
});

test("signing up with an email no admin added is refused", async ({ page }) => {
  await page.goto("/signin");
  await page.getByTestId("signin-mode-toggle").click();
  await page.getByTestId("signin-email").fill(`stranger.${Date.now()}@example.org`);
  await page.getByTestId("signin-password").fill("whatever-password");
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("signin-error")).toBeVisible();
  await expect(page.getByTestId("app-shell")).toHaveCount(0);
});
