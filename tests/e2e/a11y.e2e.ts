import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, signIn } from "./helpers.ts";

const pages = ["/campaigns", "/inbox", "/lists", "/numbers", "/knowledge", "/admin"];

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByTestId("signin-email")).toBeVisible();
  await expectAccessible(page);
});

for (const theme of ["light", "dark"] as const) {
  test(`every page has no serious accessibility violations (${theme} theme)`, async ({ page }) => {
    await signIn(page, DEMO.admin);
    const isDark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
    if (isDark !== (theme === "dark")) await page.getByTestId("theme-toggle").click();
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByTestId("page-title")).toBeVisible();
      await expectAccessible(page);
    }
  });
}
