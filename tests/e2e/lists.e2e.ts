/**
 * The Contact lists page (docs/lists.md): upload with column mapping, progress and the
 * rejected-rows report; rename; clone; delete refused while a campaign uses the list; the list's
 * own page with its contacts.
 */
import { expect, test, type Page } from "@playwright/test";
import { api } from "../../convex/_generated/api.js";
import type { Id } from "../../convex/_generated/dataModel.js";
import { backendAs, DEMO, signIn } from "./helpers.ts";
import { expectFixtureReport, uploadFixture } from "./wizard-steps.ts";

const suffix = `${Date.now().toString(36)}${process.pid}`;
const row = (page: Page, name: string) => page.locator(`[data-testid="list-row"][data-list-name="${name}"]`);

test("upload, rename, clone, delete refused while in use, and the list's page", async ({ page }) => {
  test.setTimeout(60_000);
  const name = `Lists page ${suffix}`;
  await signIn(page, DEMO.sam);
  await page.goto("/lists");
  await page.getByTestId("lists-office").selectOption({ label: "Admissions" });
  await page.getByTestId("lists-upload").click();

  // Record every value the progress bar shows while the import runs.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"] [role="progressbar"]');
      if (bar) seen.push(bar.getAttribute("aria-valuenow") ?? "");
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await uploadFixture(page, name);
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.length).toBeGreaterThan(0);
  await expectFixtureReport(page);
  await expect(row(page, name).getByTestId("list-count")).toHaveText("4");
  await expect(row(page, name).getByTestId("list-status")).toHaveText("Ready");

  // Rename
  const renamed = `${name} renamed`;
  await row(page, name).getByTestId("list-rename").click();
  await page.getByTestId("name-dialog-input").fill(renamed);
  await page.getByTestId("name-dialog-submit").click();
  await expect(row(page, renamed)).toBeVisible();
  await expect(row(page, name)).toHaveCount(0);

  // Clone
  await row(page, renamed).getByTestId("list-clone").click();
  await expect(page.getByTestId("name-dialog-input")).toHaveValue(`Copy of ${renamed}`);
  await page.getByTestId("name-dialog-submit").click();
  await expect(row(page, `Copy of ${renamed}`).getByTestId("list-count")).toHaveText("4");

  // A campaign uses the list: deleting it is refused, in words.
  const href = await row(page, renamed).getByTestId("list-link").getAttribute("href");
  const listId = href?.split("/").pop() as Id<"contactLists">;
  const client = await backendAs(DEMO.sam);
  const viewer = await client.query(api.viewer.get, {});
  const admissions = viewer!.offices.find((o) => o.name === "Admissions")!._id;
  await client.mutation(api.campaigns.create, {
    officeId: admissions,
    timeZone: "America/New_York",
    title: `Uses the list ${suffix}`,
    listId,
  });
  await row(page, renamed).getByTestId("list-delete").click();
  await page.getByTestId("confirm-dialog-confirm").click();
  await expect(page.getByTestId("confirm-dialog-error")).toContainText(`Uses the list ${suffix}`);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(row(page, renamed)).toBeVisible();

  // The clone isn't used: it can go.
  await row(page, `Copy of ${renamed}`).getByTestId("list-delete").click();
  await page.getByTestId("confirm-dialog-confirm").click();
  await expect(row(page, `Copy of ${renamed}`)).toHaveCount(0);

  // The list's page: its contacts, adding and removing one by hand.
  await row(page, renamed).getByTestId("list-link").click();
  await expect(page.getByTestId("page-title")).toHaveText(renamed);
  await expect(page.getByTestId("list-entry")).toHaveCount(4);
  await expect(page.getByTestId("list-entries")).toContainText("Engineering");
  await page.getByTestId("add-first").fill("Edsger");
  await page.getByTestId("add-last").fill("Dijkstra");
  await page.getByTestId("add-phone").fill("(617) 253-1004");
  await page.getByTestId("add-submit").click();
  await expect(page.getByTestId("list-entry")).toHaveCount(5);
  await page.getByRole("button", { name: /^Remove Edsger Dijkstra/ }).click();
  await expect(page.getByTestId("list-entry")).toHaveCount(4);
  await expect(page.getByTestId("rejected-report").getByTestId("rejected-row")).toHaveCount(2);
});
