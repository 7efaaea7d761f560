import { expect, test } from "@playwright/test";
import { DEMO, PASSWORD, signIn } from "./helpers.ts";

test("signed-out people are sent to sign in and see nothing else", async ({ page }) => {
  await page.goto("/campaigns");
  await expect(page).toHaveURL(/\/signin\?redirectTo=/);
  await expect(page.getByTestId("app-shell")).toHaveCount(0);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByTestId("signin-email").fill(DEMO.sam);
  await page.getByTestId("signin-password").fill("not-the-password");
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("signin-error")).toBeVisible();
  await expect(page.getByTestId("app-shell")).toHaveCount(0);
});

test("an admin signs in, sees the shell with every section, and signs out", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await expect(page).toHaveURL(/\/campaigns/);
  await expect(page.getByTestId("viewer-role")).toContainText(/admin/i);
  for (const id of ["nav-campaigns", "nav-inbox", "nav-lists", "nav-numbers", "nav-knowledge", "nav-admin"]) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  // "Under the Texting section, select Campaigns": the texting pages sit under that heading, Admin apart.
  const texting = page.getByTestId("nav-section-texting");
  await expect(texting.getByRole("heading", { name: "Texting" })).toBeVisible();
  for (const id of ["nav-campaigns", "nav-inbox", "nav-lists", "nav-numbers", "nav-knowledge"]) {
    await expect(texting.getByTestId(id)).toBeVisible();
  }
  await expect(texting.getByTestId("nav-admin")).toHaveCount(0);
  await page.getByTestId("nav-inbox").click();
  await expect(page.getByTestId("page-title")).toHaveText(/Inbox/);
  await expect(page.getByTestId("nav-inbox")).toHaveAttribute("aria-current", "page");
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/signin/);
});

test("a session survives a reload, and the redirect target is honoured", async ({ page }) => {
  await page.goto("/lists");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByTestId("signin-email").fill(DEMO.riley);
  await page.getByTestId("signin-password").fill(PASSWORD());
  await page.getByTestId("signin-submit").click();
  await expect(page).toHaveURL(/\/lists/);
  await page.reload();
  await expect(page.getByTestId("app-shell")).toBeVisible();
  await expect(page.getByTestId("viewer-name")).toBeVisible();
});

test("a limited agent has no Admin section and the admin page refuses them", async ({ page }) => {
  await signIn(page, DEMO.lee);
  await expect(page.getByTestId("viewer-role")).toContainText(/limited/i);
  await expect(page.getByTestId("nav-admin")).toHaveCount(0);
  await page.goto("/admin");
  await expect(page.getByTestId("office-create")).toHaveCount(0);
});

test("the theme toggle switches to dark and the choice is remembered", async ({ page }) => {
  await signIn(page, DEMO.sam);
  const dark = async () => await page.evaluate(() => document.documentElement.classList.contains("dark"));
  const before = await dark();
  await page.getByTestId("theme-toggle").click();
  await expect.poll(dark).toBe(!before);
  await page.reload();
  await expect(page.getByTestId("app-shell")).toBeVisible();
  await expect.poll(dark).toBe(!before);
});

test("the office filter lives in the URL and follows navigation", async ({ page }) => {
  await signIn(page, DEMO.sam);
  const filter = page.getByTestId("office-filter");
  await filter.selectOption({ label: "Financial Aid" });
  await expect(page).toHaveURL(/office=/);
  await page.getByTestId("nav-inbox").click();
  await expect(page).toHaveURL(/\/inbox\?.*office=/);
  await expect(page.getByTestId("office-filter").locator("option:checked")).toHaveText("Financial Aid");
});
