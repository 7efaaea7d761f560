/**
 * The campaign creation wizard (docs/wizard.md): a campaign built end to end from a CSV upload to
 * a scheduled launch that fires; `?date=` prefilling the launch date; a saved draft surviving a
 * reload; Launch disabled with the reasons; the unsaved-changes guard; editing a scheduled campaign.
 */
import { expect, test, type Page } from "@playwright/test";
import { api } from "../../convex/_generated/api.js";
import type { Id } from "../../convex/_generated/dataModel.js";
import { backendAs, DEMO, expectAccessible, provisionSingleUse, signIn } from "./helpers.ts";
import { expectFixtureReport, setScheduleUtc, uploadFixture } from "./wizard-steps.ts";

const suffix = `${Date.now().toString(36)}${process.pid}`;
const step = (page: Page, id: string) => page.getByTestId(`wizard-step-${id}`).click();

test("a campaign made in the wizard from a CSV upload launches at its scheduled time", async ({ page }) => {
  test.setTimeout(90_000);
  const title = `Wizard tour ${suffix}`;
  await signIn(page, DEMO.sam);
  await page.goto("/campaigns");
  await page.getByTestId("campaign-new").click();
  await expect(page).toHaveURL(/\/campaigns\/new/);

  // Details
  await page.getByTestId("wizard-title").fill(title);
  await page.getByTestId("wizard-office").selectOption({ label: "Admissions" });
  await page.getByTestId("wizard-tags").fill("tours, e2e");
  await expect(page.getByTestId("wizard-save-state")).toHaveText("Unsaved changes");

  // Audience: upload right here, with the mapping and the rejected-rows report
  await page.getByTestId("wizard-next").click();
  await expect(page).toHaveURL(/step=audience/);
  await page.getByTestId("wizard-upload-toggle").click();
  await uploadFixture(page, `Wizard list ${suffix}`);
  await expectFixtureReport(page);
  await expect(page.getByTestId("wizard-list-summary")).toContainText("4 contacts; merge fields {Program}");

  // Message: merge-field menu, counter, preview with a real contact
  await step(page, "message");
  await page.getByTestId("wizard-message").fill("Hi ");
  await page.getByTestId("merge-field-menu").click();
  await page.getByTestId("merge-field-firstName").click();
  await page.getByTestId("wizard-message").press("End");
  await page.getByTestId("wizard-message").pressSequentially(", your {Program} tour is on Friday.");
  await expect(page.getByTestId("wizard-message")).toHaveValue("Hi {firstName}, your {Program} tour is on Friday.");
  await expect(page.getByTestId("composer-counter")).toContainText("/ 1,600 characters · 1 segment (GSM-7)");
  await expect(page.getByTestId("general-field-preview")).toHaveText("Hi Ada, your Engineering tour is on Friday.");

  // Operated by: the Virtual Assistant with a set reply
  await step(page, "operation");
  await page.getByTestId("operated-va").check();
  await page.getByTestId("fallback-setReply").check();
  await page.getByTestId("wizard-set-reply").fill("An advisor will text you back soon.");

  // Phone number: a single-use number needs a saved draft
  await step(page, "number");
  await page.getByTestId("wizard-number-save-first").click();
  await expect(page).toHaveURL(/\/campaigns\/[^/]+\/edit\?.*step=number/);
  await expect(page.getByTestId("wizard-save-state")).toHaveText("All changes saved");
  await page.getByTestId("wizard-area-code").fill("212");
  await page.getByTestId("wizard-search").click();
  const results = page.getByTestId("wizard-number-result");
  await expect(results.first()).toBeVisible();
  // Another test may buy a number first: take the next one then.
  await expect(async () => {
    await results.last().getByRole("button", { name: "Provision" }).click();
    await expect(page.getByTestId("wizard-number-current")).toContainText("single-use", { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });

  // Inboxes: the office inbox by default
  await step(page, "inboxes");
  await expect(page.getByTestId("inbox-office")).toBeChecked();
  await page.getByRole("checkbox", { name: "Sam Rivera (you)" }).check();
  await expect(page.getByTestId("wizard-save-state")).toHaveText("Unsaved changes");
  await page.getByTestId("wizard-save").click();
  await expect(page.getByTestId("wizard-save-state")).toHaveText("All changes saved");

  // Launch: scheduled a few seconds ahead, in UTC
  await step(page, "launch");
  await expect(page.getByTestId("readiness")).toContainText("Ready to launch");
  await page.getByTestId("launch-mode-schedule").check();
  await setScheduleUtc(page, new Date(Date.now() + 12_000));
  await expect(page.getByTestId("schedule-summary")).toContainText(" UTC.");
  await page.getByTestId("wizard-schedule").click();
  await expect(page).toHaveURL(/tab=scheduled/);

  // The scheduled launch fires and the campaign moves to the Active tab (a live query).
  await page.goto(`/campaigns?tab=active&q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible({ timeout: 60_000 });
});

test("/campaigns/new?date= prefills the scheduled launch date", async ({ page }) => {
  await signIn(page, DEMO.sam);
  await page.goto("/campaigns/new?date=2027-03-15&step=launch");
  await expect(page.getByTestId("launch-mode-schedule")).toBeChecked();
  await expect(page.getByTestId("schedule-date-month")).toHaveText("03");
  await expect(page.getByTestId("schedule-date-day")).toHaveText("15");
  await expect(page.getByTestId("schedule-date-year")).toHaveText("2027");
  await expect(page.getByTestId("schedule-summary")).toContainText("Monday, March 15, 2027");
});

test("a saved draft comes back after a reload; Launch stays disabled with the reasons", async ({ page }) => {
  const title = `Wizard draft ${suffix}`;
  await signIn(page, DEMO.sam);
  await page.goto("/campaigns/new");
  await page.getByTestId("wizard-title").fill(title);
  await page.getByTestId("wizard-tags").fill("drafts");
  await step(page, "message");
  await page.getByTestId("wizard-message").fill("Hello {firstName}!");
  await expect(page.getByTestId("wizard-save-state")).toHaveText("Unsaved changes");
  await page.getByTestId("wizard-save").click();
  await expect(page).toHaveURL(/\/campaigns\/[^/]+\/edit\?step=message/);
  await expect(page.getByTestId("wizard-save-state")).toHaveText("All changes saved");

  await page.reload();
  await expect(page.getByTestId("wizard-message")).toHaveValue("Hello {firstName}!");
  await step(page, "details");
  await expect(page.getByTestId("wizard-title")).toHaveValue(title);
  await expect(page.getByTestId("wizard-tags")).toHaveValue("drafts");

  await step(page, "launch");
  await expect(page.getByTestId("wizard-launch")).toBeDisabled();
  await expect(page.getByTestId("readiness")).toContainText("Not ready to launch yet");
  await expect(page.getByTestId("readiness")).toContainText("Choose a contact list");
  await expect(page.getByTestId("readiness")).toContainText("Choose a phone number.");
  // The steps that hold the reasons are marked; Details and Message are complete.
  await expect(page.getByTestId("wizard-step-audience").getByTestId("wizard-step-issues")).toBeVisible();
  await expect(page.getByTestId("wizard-step-number").getByTestId("wizard-step-issues")).toBeVisible();
  await expect(page.getByTestId("wizard-step-details").getByTestId("wizard-step-issues")).toHaveCount(0);

  // Unsaved changes: the reason is said, and leaving the page asks first.
  await step(page, "details");
  await page.getByTestId("wizard-title").fill(`${title} (changed)`);
  await step(page, "launch");
  await expect(page.getByTestId("launch-blockers")).toContainText("Save your changes first");
  const campaignsLink = page.getByRole("link", { name: "Campaigns", exact: true }).first();
  await campaignsLink.click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("haven't been saved");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/edit/);
  await expect(page.getByTestId("wizard-save-state")).toHaveText("Unsaved changes");
  // Leaving anyway goes where the link pointed, and the saved draft keeps its saved title.
  const campaignId = new URL(page.url()).pathname.split("/")[2] as Id<"campaigns">;
  await campaignsLink.click();
  await page.getByTestId("confirm-dialog-confirm").click();
  await expect(page).toHaveURL(/\/campaigns(\?|$)/);
  const draft = await (await backendAs(DEMO.sam)).query(api.campaigns.get, { campaignId });
  expect(draft?.title).toBe(title);
});

test("a scheduled campaign opens in the wizard at its time in its zone, and can return to draft", async ({ page }) => {
  const title = `Wizard scheduled ${suffix}`;
  const client = await backendAs(DEMO.sam);
  const viewer = await client.query(api.viewer.get, {});
  const officeId = viewer!.offices.find((o) => o.name === "Admissions")!._id;
  const listId = await client.mutation(api.contactLists.create, {
    officeId,
    name: `List ${title}`,
    tags: [],
    columns: [],
  });
  await client.mutation(api.contactLists.appendBatch, {
    listId,
    batchIndex: 0,
    entries: [{ row: 2, phone: "+16172531000", firstName: "Ada", lastName: "Lovelace", fields: {} }],
  });
  await client.mutation(api.contactLists.finish, { listId });
  const campaignId = await client.mutation(api.campaigns.create, {
    officeId,
    timeZone: "America/New_York",
    title,
    listId,
    message: "Hi {firstName}!",
  });
  await provisionSingleUse(client, campaignId);
  // 15 March 2027, 09:00:30 in Chicago (CDT, UTC−5).
  const scheduledAt = Date.parse("2027-03-15T14:00:30Z");
  await client.mutation(api.campaigns.schedule, { campaignId, scheduledAt, timeZone: "America/Chicago" });

  await signIn(page, DEMO.sam);
  await page.goto(`/campaigns?tab=scheduled&view=table&q=${encodeURIComponent(title)}`);
  await page.getByRole("button", { name: `Actions for ${title}` }).click();
  await page.getByTestId("campaign-action-edit").click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}/edit`));
  await step(page, "launch");
  await expect(page.getByTestId("schedule-zone")).toHaveValue("America/Chicago");
  await expect(page.getByTestId("schedule-date-month")).toHaveText("03");
  await expect(page.getByTestId("schedule-date-day")).toHaveText("15");
  await expect(page.getByTestId("schedule-time-hour")).toHaveText("09");
  await expect(page.getByTestId("schedule-time-second")).toHaveText("30");
  await expect(page.getByTestId("wizard-schedule")).toHaveText("Reschedule");
  await page.getByTestId("wizard-unschedule").click();
  await expect(page.getByTestId("launch-mode-now")).toBeVisible();
  await expect(page.getByTestId("wizard-schedule")).toHaveText("Schedule");
  expect((await client.query(api.campaigns.get, { campaignId })).status).toBe("draft");
});
