/**
 * The Campaigns page and a campaign's view, as Sam (Standard, Admissions and Financial Aid) uses
 * them: tabs, search and tag filter in the URL, the Active tab's columns, dates with their zone,
 * launch greyed out with the reasons, clone, Stop and Archive / End Campaign confirmations, the
 * General and Contacts tabs (delivery icons, SMS preview, opt-out), and axe on every page. The
 * campaigns are made once for the file (campaign-fixtures.ts); each test finds its own by the
 * run's suffix.
 */
import { expect, test, type Page } from "@playwright/test";
import { displayNumber } from "../../convex/model/shared/numberRules.ts";
import { bigDraft, campaignFixtures, type CampaignFixtures } from "./campaign-fixtures.ts";
import { DEMO, expectAccessible, signIn, textFromContact } from "./helpers.ts";

test.describe.configure({ mode: "serial" });
// Dates show in the viewer's zone: make it one the assertions can name.
test.use({ timezoneId: "America/Chicago" });

let f: CampaignFixtures;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  f = await campaignFixtures();
});

const title = (name: string) => `${name} ${f.suffix}`;
const rows = (page: Page) => page.getByTestId("campaign-row");
const row = (page: Page, name: string) =>
  rows(page).filter({ has: page.getByTestId("campaign-row-title").getByText(title(name), { exact: true }) });

async function menu(page: Page, name: string) {
  await row(page, name).getByTestId("campaign-actions").click();
  return page.getByRole("menu");
}

test("tabs, the Active columns, search and tag filter all live in the URL", async ({ page }) => {
  await signIn(page, DEMO.sam);
  await page.goto(`/campaigns?q=${f.suffix}`);
  await expect(page.getByTestId("page-title")).toHaveText("Campaigns");
  await expect(page.getByTestId("campaign-tab-active")).toHaveAttribute("aria-current", "page");
  await expect(row(page, "Spring Open House")).toBeVisible();
  await expect(row(page, "Aid Deadline")).toBeVisible();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByRole("columnheader")).toHaveText([
    "Title",
    "Office",
    "Phone Number",
    "Contact List",
    "Operated By",
    "Tags",
    "Last updated",
    "Launched Date",
    "Actions",
  ]);
  const aid = row(page, "Aid Deadline");
  await expect(aid).toContainText("Financial Aid");
  await expect(aid).toContainText(displayNumber(f.numbers.reusable));
  await expect(aid).toContainText(`Aid list ${f.suffix}`);
  await expect(aid).toContainText("Virtual Assistant");
  await expect(aid).toContainText("Deadlines");
  await expect(row(page, "Spring Open House")).toContainText("Agent");

  // Hovering a date shows its time zone: the viewer's, with the offset.
  await row(page, "Spring Open House").getByTestId("datetime").last().hover();
  await expect(page.getByTestId("datetime-zone")).toContainText(
    /Central (Standard|Daylight) Time \(America\/Chicago, UTC−0[56]:00\)/,
  );

  // Keyboard users get the same tip on focus.
  await page.keyboard.press("Escape");
  await row(page, "Aid Deadline").getByTestId("datetime").first().focus();
  await expect(page.getByTestId("datetime-zone")).toContainText("America/Chicago");

  // A contact replies to the agent-run campaign: the row shows it needs attention, live.
  await expect(row(page, "Spring Open House").getByTestId("campaign-row-attention")).toHaveCount(0);
  await textFromContact(f.contacts[0].phone, f.numbers.active, "Is parking free?");
  await expect(row(page, "Spring Open House").getByTestId("campaign-row-attention")).toHaveText("1 needs attention");
  await expectAccessible(page);

  // The tag filter narrows the tab and goes into the URL.
  await page.getByTestId("campaign-tag-filter").selectOption("Open House");
  await expect(page).toHaveURL(/tag=Open\+House/);
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, "Spring Open House")).toBeVisible();
  await page.getByTestId("campaign-tag-filter").selectOption("");

  // Search by title, typed (words of the title: Convex's full-text search).
  await page.getByTestId("campaign-search").fill("Deadline");
  await expect(page).toHaveURL(/q=Deadline/);
  await expect(row(page, "Aid Deadline")).toBeVisible();
  await expect(row(page, "Spring Open House")).toHaveCount(0);
  await page.getByTestId("campaign-search").fill(f.suffix);
  // The box writes the URL after a pause in typing; the tab links carry what the URL holds.
  await expect(page).toHaveURL(new RegExp(`q=${f.suffix}`));

  // The other tabs keep the search.
  await page.getByTestId("campaign-tab-draft").click();
  await expect(page).toHaveURL(new RegExp(`tab=draft.*q=${f.suffix}`));
  await expect(row(page, "Draft Reminder")).toBeVisible();
  await expect(row(page, "Ready Welcome")).toBeVisible();
  await expectAccessible(page);

  await page.getByTestId("campaign-tab-scheduled").click();
  // The Scheduled tab opens on its calendar (calendar.e2e.ts); the table keeps the search.
  await page.getByTestId("scheduled-view-table").click();
  await expect(row(page, "Fall Orientation")).toBeVisible();
  await expect(page.getByRole("columnheader")).toHaveText([
    "Title",
    "Office",
    "Phone Number",
    "Contact List",
    "Operated By",
    "Tags",
    "Scheduled for",
    "Actions",
  ]);
  await expect(row(page, "Fall Orientation").getByRole("list", { name: "Tags" })).toHaveText("Week one");
  await expect(row(page, "Fall Orientation")).toContainText("Agent");
  await row(page, "Fall Orientation").getByTestId("datetime").hover();
  await expect(page.getByTestId("datetime-zone")).toContainText("America/New_York");
  await expectAccessible(page);

  await page.getByTestId("campaign-tab-archived").click();
  await expect(row(page, "Old Survey")).toBeVisible();
  await expect(row(page, "Old Survey")).toContainText("Discarded draft");
  const archivedMenu = await menu(page, "Old Survey");
  await expect(archivedMenu.getByTestId("campaign-action-view")).toBeVisible();
  await expect(archivedMenu.getByTestId("campaign-action-clone")).toBeVisible();
  await expect(archivedMenu.getByTestId("campaign-action-stop")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expectAccessible(page);

  // The shell's office filter narrows every tab.
  await page.getByTestId("campaign-tab-active").click();
  await expect(rows(page)).toHaveCount(2);
  await page.getByTestId("office-filter").selectOption({ label: "Financial Aid" });
  await expect(page).toHaveURL(/office=/);
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, "Aid Deadline")).toBeVisible();
  await page.getByTestId("office-filter").selectOption({ label: "All my offices" });

  // The URL alone brings it all back.
  await page.goto(`/campaigns?tab=active&tag=Deadlines&q=${f.suffix}`);
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, "Aid Deadline")).toBeVisible();
  await expect(page.getByTestId("campaign-tag-filter")).toHaveValue("Deadlines");
  await expect(page.getByTestId("campaign-search")).toHaveValue(f.suffix);
});

test("Launch stays greyed out with the reasons until the draft is ready; a ready one launches", async ({ page }) => {
  await signIn(page, DEMO.sam);
  await page.goto(`/campaigns?tab=draft&q=${f.suffix}`);
  const notReady = await menu(page, "Draft Reminder");
  await expect(notReady.getByTestId("campaign-action-edit")).toHaveAttribute(
    "href",
    `/campaigns/${f.ids.notReady}/edit`,
  );
  await expect(notReady.getByTestId("campaign-action-launch")).toHaveAttribute("aria-disabled", "true");
  const reasons = notReady.getByTestId("launch-disabled-reason");
  await expect(reasons).toContainText("Choose a contact list.");
  await expect(reasons).toContainText("Write the message.");
  await expect(reasons).toContainText("Choose a phone number.");
  await expectAccessible(page);
  await page.keyboard.press("Escape");

  const ready = await menu(page, "Ready Welcome");
  const launch = ready.getByTestId("campaign-action-launch");
  await expect(launch).not.toHaveAttribute("aria-disabled", "true");
  await expect(ready.getByTestId("launch-disabled-reason")).toHaveCount(0);
  await launch.click();
  await expect(page.getByTestId("confirm-dialog-text")).toContainText("3 contacts");
  await page.getByTestId("confirm-dialog-confirm").click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${f.ids.ready}/activity`));
  await expect(page.getByTestId("campaign-view-title")).toHaveText(title("Ready Welcome"));
  await expect(page.getByTestId("campaign-view-status")).toHaveText("Active");
});

test("Clone makes a new draft and opens it (by keyboard)", async ({ page }) => {
  await signIn(page, DEMO.sam);
  await page.goto(`/campaigns?q=${f.suffix}`);
  await row(page, "Spring Open House").getByTestId("campaign-actions").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("campaign-action-view")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("campaign-action-clone")).toBeFocused();
  await page.keyboard.press("Enter");
  // The new draft opens in the wizard, with the source's settings.
  await expect(page).toHaveURL(/\/campaigns\/[^/]+\/edit/);
  await expect(page).not.toHaveURL(new RegExp(f.ids.active));
  await expect(page.getByTestId("wizard-title")).toHaveValue(`Copy of ${title("Spring Open House")}`);
  await page.getByTestId("wizard-step-audience").click();
  await expect(page.getByTestId("wizard-list-summary")).toContainText(`Open house list ${f.suffix}`);
});

test("the General tab shows every setting, with the message as each contact reads it", async ({ page }) => {
  await signIn(page, DEMO.sam);
  await page.goto(`/campaigns/${f.ids.active}`);
  // An active campaign opens on Activity; the tabs are routes.
  await expect(page).toHaveURL(new RegExp(`/campaigns/${f.ids.active}/activity`));
  await page.getByTestId("campaign-view-tab-general").click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${f.ids.active}/general`));
  await expect(page.getByTestId("campaign-view-tab-general")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("end-campaign")).toBeVisible();
  await expect(page.getByTestId("general-field-title")).toHaveText(title("Spring Open House"));
  await expect(page.getByTestId("general-field-office")).toHaveText("Admissions");
  await expect(page.getByTestId("general-field-tags")).toContainText("Open House");
  await expect(page.getByTestId("general-field-operated-by")).toHaveText("Agent");
  await expect(page.getByTestId("general-field-number")).toContainText(displayNumber(f.numbers.active));
  await expect(page.getByTestId("general-field-number-kind")).toContainText("Single-use");
  await expect(page.getByTestId("general-field-inboxes")).toContainText("Admissions (office inbox)");
  await expect(page.getByTestId("general-field-auto-archive-days")).toContainText("7 days after launch");
  await expect(page.getByTestId("general-field-time-zone")).toContainText("America/New_York");
  await expect(page.getByTestId("general-field-message")).toContainText("Hi {firstName}, your {Program} open house");
  await expect(page.getByTestId("general-field-message")).toContainText("1 segment · GSM-7");
  await expect(page.getByTestId("general-field-preview")).toHaveText(
    "Hi Ada, your Nursing open house is Friday at 5pm. Reply with questions!",
  );
  await page
    .getByTestId("preview-contact")
    .selectOption({ label: `Ben Franklin · ${displayNumber(f.contacts[1].phone)}` });
  await expect(page.getByTestId("general-field-preview")).toContainText("Hi Ben, your Physics open house");
  await expectAccessible(page);

  // A draft opens on General, and says why it can't launch.
  await page.goto(`/campaigns/${f.ids.notReady}`);
  await expect(page).toHaveURL(new RegExp(`/campaigns/${f.ids.notReady}/general`));
  await expect(page.getByTestId("readiness")).toContainText("Choose a contact list.");
  await expect(page.getByTestId("end-campaign")).toHaveCount(0);
});

test("the Contacts tab: every field, delivery icons, failed reason, SMS preview and opt-out", async ({ page }) => {
  await signIn(page, DEMO.sam);
  await page.goto(`/campaigns/${f.ids.active}/contacts`);
  const contactRows = page.getByTestId("contacts-row");
  await expect(contactRows).toHaveCount(3);
  await expect(page.getByRole("columnheader")).toHaveText([
    "First Name",
    "Last Name",
    "Phone Number",
    "Program",
    "Created",
    "Delivered",
    "Failed Reason",
    "Actions",
  ]);
  const ada = contactRows.filter({ hasText: "Ada" });
  const cy = contactRows.filter({ hasText: "Landline" });
  await expect(ada).toContainText("Nursing");
  await expect(ada.getByTestId("contacts-row-status")).toHaveAttribute("data-status", "delivered");
  await expect(cy.getByTestId("contacts-row-status")).toHaveAttribute("data-status", "failed");
  // The guide's "red exclamation mark flag icon".
  await expect(cy.getByTestId("contacts-row-status").locator('svg[data-icon="flag"]')).toHaveClass(/text-destructive/);
  await expect(cy.getByTestId("contacts-row-reason")).toContainText("Landline");
  await cy.getByTestId("contacts-row-status").hover();
  await expect(page.getByTestId("contacts-row-status-tip")).toContainText("Not delivered: Landline");
  await expectAccessible(page);

  await ada.getByTestId("contacts-preview").click();
  await expect(page.getByTestId("sms-preview-text")).toHaveText(
    "Hi Ada, your Nursing open house is Friday at 5pm. Reply with questions!",
  );
  await expectAccessible(page);
  await page.keyboard.press("Escape");

  const ben = contactRows.filter({ hasText: "Franklin" });
  await ben.getByTestId("contacts-opt-out").click();
  await expect(page.getByTestId("confirm-dialog-text")).toContainText("gets no more texts from any office");
  await page.getByTestId("confirm-dialog-confirm").click();
  await expect(page.getByTestId("confirm-dialog")).toHaveCount(0);
  await expect(ben.getByTestId("contacts-opted-out")).toBeVisible();
  await expect(ben.getByTestId("contacts-opt-out")).toHaveCount(0);
});

test("Stop and Archive and End Campaign say what happens to the conversations and the number", async ({ page }) => {
  await signIn(page, DEMO.sam);
  // A single-use number: nothing more is sent, queues empty, the number is released.
  await page.goto(`/campaigns/${f.ids.active}/general`);
  await page.getByTestId("end-campaign").click();
  await expect(page.getByTestId("confirm-dialog-text")).toContainText(
    `no further responses will be sent, pending conversations leave every queue, and ${displayNumber(f.numbers.active)} is released.`,
  );
  await expectAccessible(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("confirm-dialog")).toHaveCount(0);

  // A reusable number: conversations that need attention go to its unsolicited settings.
  await page.goto(`/campaigns?q=${f.suffix}`);
  const actions = await menu(page, "Aid Deadline");
  await actions.getByTestId("campaign-action-stop").click();
  await expect(page.getByTestId("confirm-dialog-text")).toContainText(
    `Conversations that need attention move to ${displayNumber(f.numbers.reusable)}'s unsolicited settings: agents and the Financial Aid office inbox and Sam Rivera's inbox.`,
  );
  await page.getByTestId("confirm-dialog-confirm").click();
  await expect(row(page, "Aid Deadline")).toHaveCount(0);
  await page.getByTestId("campaign-tab-archived").click();
  await expect(row(page, "Aid Deadline")).toContainText("Ended");
});

test("a Limited user reads campaigns but has no actions that change them", async ({ page }) => {
  await signIn(page, DEMO.lee);
  await page.goto(`/campaigns?tab=draft&q=${f.suffix}`);
  await expect(rows(page)).toHaveCount(1);
  const actions = await menu(page, "Advising Note");
  await expect(actions.getByTestId("campaign-action-view")).toBeVisible();
  await expect(actions.getByTestId("campaign-action-clone")).toHaveCount(0);
  await expect(actions.getByTestId("campaign-action-launch")).toHaveCount(0);
  await actions.getByTestId("campaign-action-view").click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${f.ids.readOnly}/general`));
  await expect(page.getByTestId("campaign-view-title")).toHaveText(title("Advising Note"));
  await expectAccessible(page);
});

test("the Contacts tab renders only the rows in view and loads pages as the person scrolls", async ({ page }) => {
  test.setTimeout(60_000);
  const campaignId = await bigDraft(1_200, f.suffix);
  await signIn(page, DEMO.sam);
  await page.goto(`/campaigns/${campaignId}/contacts`);
  const contactRows = page.getByTestId("contacts-row");
  await expect(contactRows.first()).toContainText("First0");
  await expect(page.getByText("100 of 1,200 contacts loaded")).toBeVisible();
  expect(await contactRows.count()).toBeLessThan(60);
  // Not launched: nothing was sent to anyone yet.
  await expect(contactRows.first().getByTestId("contacts-row-status")).toHaveAttribute("data-status", "not-sent");

  const scroller = page.getByRole("region", { name: "Contacts" });
  await expect(async () => {
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.getByText("1,200 of 1,200 contacts loaded")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(contactRows.last()).toContainText("First1199");
  expect(await contactRows.count()).toBeLessThan(60);
  await expectAccessible(page);
});
