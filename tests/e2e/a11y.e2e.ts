import { expect, test } from "@playwright/test";
import { api } from "../../convex/_generated/api.js";
import { activeCampaign, backendAs, DEMO, expectAccessible, signIn, textFromContact, uniquePhone } from "./helpers.ts";

const pages = [
  "/dashboard",
  "/campaigns",
  "/campaigns?tab=scheduled",
  "/campaigns?tab=scheduled&view=table",
  "/inbox",
  "/lists",
  "/numbers",
  "/knowledge",
  "/admin",
];
// The campaign wizard's steps (docs/wizard.md), checked in a test of their own.
const wizardPages = [
  ...["details", "audience", "message", "operation", "number", "inboxes"].map((step) => `/campaigns/new?step=${step}`),
  "/campaigns/new?step=launch&date=2027-03-15",
];

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByTestId("signin-email")).toBeVisible();
  await expectAccessible(page);
});

for (const theme of ["light", "dark"] as const) {
  for (const [name, paths] of [
    ["every page", pages],
    ["every step of the campaign wizard", wizardPages],
  ] as const) {
    test(`${name} has no serious accessibility violations (${theme} theme)`, async ({ page }) => {
      // Each page loaded and scanned (the numbers page lists every number the other specs made).
      test.setTimeout(90_000);
      await signIn(page, DEMO.admin);
      const isDark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
      if (isDark !== (theme === "dark")) await page.getByTestId("theme-toggle").click();
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByTestId("page-title")).toBeVisible();
        await expectAccessible(page);
      }
    });
  }
}

test("a contact list's page has no serious accessibility violations", async ({ page }) => {
  const client = await backendAs(DEMO.admin);
  const viewer = await client.query(api.viewer.get, {});
  const officeId = viewer!.offices[0]._id;
  const listId = await client.mutation(api.contactLists.create, {
    officeId,
    name: `A11y list ${Date.now()}`,
    tags: [],
    columns: ["Program"],
  });
  await client.mutation(api.contactLists.appendBatch, {
    listId,
    batchIndex: 0,
    entries: [{ row: 2, phone: "+16172531000", firstName: "Ada", lastName: "Lovelace", fields: { Program: "Math" } }],
  });
  await client.mutation(api.contactLists.addRejections, { listId, rows: [{ row: 3, reason: "missing phone" }] });
  await client.mutation(api.contactLists.finish, { listId });
  await signIn(page, DEMO.admin);
  await page.goto(`/lists/${listId}`);
  await expect(page.getByTestId("list-entry")).toHaveCount(1);
  await expect(page.getByTestId("rejected-row")).toHaveCount(1);
  await expectAccessible(page);
});

test("a campaign's Analytics tab, as charts and as tables, in both themes", async ({ page }) => {
  const contacts = [{ firstName: "Axe", lastName: "Check", phone: uniquePhone() }];
  const { campaignId, number } = await activeCampaign({ as: DEMO.sam, office: "Admissions", contacts });
  await textFromContact(contacts[0].phone, number, "Hello!");
  await signIn(page, DEMO.admin);
  await page.goto(`/campaigns/${campaignId}/analytics`);
  await expect(page.getByTestId("chart-activity-svg")).toBeVisible();
  for (const theme of ["light", "dark"]) {
    await expectAccessible(page);
    await page.getByTestId("chart-send-status-toggle").click();
    await expect(page.getByTestId("chart-send-status-table")).toBeVisible();
    await expectAccessible(page);
    await page.getByTestId("chart-send-status-toggle").click();
    if (theme === "light") await page.getByTestId("theme-toggle").click();
  }
});
