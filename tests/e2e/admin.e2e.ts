import { expect, test } from "@playwright/test";
import { api } from "../../convex/_generated/api.js";
import { backendAs, DEMO, signIn } from "./helpers.ts";

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

test("an admin changes the reply to HELP and the quiet hours, and they stay changed", async ({ page }) => {
  // Other specs share the demo organization: put its settings back whatever happens here.
  const backend = await backendAs(DEMO.admin);
  const before = await backend.query(api.admin.organization, {});
  if (before === null) throw new Error("The demo organization isn't seeded");
  try {
    await signIn(page, DEMO.admin);
    await page.getByTestId("nav-admin").click();
    const help = page.getByTestId("org-help-text");
    await expect(help).toHaveValue(before.helpText);
    const newHelp = `Northfield test ${Date.now().toString(36)}: call 555-0100. Reply STOP to opt out.`;
    await help.fill(newHelp);
    await expect(page.getByTestId("org-help-text-count")).toHaveText(`${newHelp.length} of 320 characters`);
    await page.getByTestId("org-help-text-save").click();
    await expect(page.getByTestId("org-help-text-saved")).toBeVisible();

    await page.getByTestId("org-quiet-start").fill("25");
    await page.getByTestId("org-quiet-save").click();
    await expect(page.getByTestId("org-quiet-error")).toContainText("isn't a time of day");
    // A half hour in the small hours: specs running beside this one text daytime numbers, never held by it.
    await page.getByTestId("org-quiet-start").fill("3");
    await page.getByTestId("org-quiet-end").fill("3:30");
    await page.getByTestId("org-quiet-save").click();
    await expect(page.getByTestId("org-quiet-saved")).toBeVisible();
    await expect(page.getByTestId("org-quiet-start")).toHaveValue("03:00");
    await expect(page.getByTestId("org-quiet-end")).toHaveValue("03:30");

    await page.reload();
    await expect(page.getByTestId("org-help-text")).toHaveValue(newHelp);
    await expect(page.getByTestId("org-quiet-start")).toHaveValue("03:00");
    await expect(page.getByTestId("org-quiet-end")).toHaveValue("03:30");
  } finally {
    await backend.mutation(api.admin.setHelpText, { text: before.helpText });
    await backend.mutation(api.admin.setQuietHours, before.quietHours);
  }
});
