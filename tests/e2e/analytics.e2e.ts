/**
 * The campaign Analytics tab and the supervisor dashboard, live: as the Twilio simulator delivers
 * the campaign's texts and contacts text back, the charts and their tables change on the open
 * page without a reload. Each test makes its own campaign, number and contacts.
 */
import { expect, test, type Page } from "@playwright/test";
import { api } from "../../convex/_generated/api.js";
import { activeCampaign, backendAs, DEMO, signIn, textFromContact, uniquePhone } from "./helpers.ts";

/** The value cell of a chart's table row (the table is there for screen readers even when hidden). */
function cell(page: Page, chart: string, label: string) {
  return page
    .getByTestId(`chart-${chart}-table`)
    .getByTestId("chart-row")
    .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) })
    .getByTestId("chart-value");
}

const bar = (page: Page, chart: string, key: string) =>
  page.getByTestId(`chart-${chart}-svg`).locator(`[data-testid="bar"][data-key="${key}"]`);

test("the Analytics tab's charts and tables follow deliveries and replies live", async ({ page }) => {
  const people = [
    { firstName: "Ana", lastName: "Lytics", phone: uniquePhone() },
    { firstName: "Bo", lastName: "Chart", phone: uniquePhone() },
  ];
  const title = `Analytics live ${Date.now()}`;
  const { campaignId, number, conversationIds } = await activeCampaign({
    as: DEMO.sam,
    office: "Admissions",
    contacts: people,
    title,
  });
  await signIn(page, DEMO.sam);
  await page.goto(`/campaigns/${campaignId}/analytics`);
  await expect(page.getByTestId("page-title")).toContainText(title);

  // The simulator delivers both texts: Campaign Send Status and Engagement's "Sent" reach 2.
  await expect(cell(page, "send-status", "Total sent")).toHaveText("2");
  await expect(cell(page, "send-status", "Sent successfully")).toHaveText("2");
  await expect(cell(page, "send-status", "Failed")).toHaveText("0");
  await expect(bar(page, "send-status", "succeeded")).toHaveAttribute("data-value", "2");
  await expect(cell(page, "engagement", "Sent (contacts messaged)")).toHaveText("2");
  await expect(cell(page, "engagement", "Responded")).toHaveText("0");
  await expect(page.getByTestId("figure-engagement-rate")).toHaveText("0%");
  await expect(bar(page, "engagement", "responded")).toHaveAttribute("height", "0");
  const activityValues = page.getByTestId("chart-activity-table").getByTestId("chart-value");
  await expect(activityValues.first()).toHaveText("0");
  await expect(activityValues.filter({ hasText: /^[1-9]/ })).toHaveCount(0);

  // Ana texts back: responded, the rate, contact responses and the activity chart change.
  await textFromContact(people[0].phone, number, "What time does it start?");
  await expect(cell(page, "engagement", "Responded")).toHaveText("1");
  await expect(page.getByTestId("figure-engagement-rate")).toHaveText("50%");
  await expect(bar(page, "engagement", "responded")).not.toHaveAttribute("height", "0");
  await expect(cell(page, "responses", "Contact responses")).toHaveText("1");
  await expect(activityValues.filter({ hasText: /^1$/ })).toHaveCount(1);
  await expect(page.getByTestId("chart-activity-svg").locator('[data-testid="bar"][data-value="1"]')).toHaveCount(1);

  // Sam answers her: an agent response, and a median agent response time.
  const sam = await backendAs(DEMO.sam);
  const details = await Promise.all(
    conversationIds.map((conversationId) => sam.query(api.conversations.get, { conversationId })),
  );
  const anaConversation = details.find((d) => d.contact.phone === people[0].phone)!._id;
  await sam.mutation(api.conversations.sendReply, { conversationId: anaConversation, body: "At 5pm!" });
  await expect(cell(page, "responses", "Agent responses")).toHaveText("1");
  await expect(page.getByTestId("figure-median-response")).not.toHaveText("—");

  // Bo opts out: Engagement's opt-outs.
  await textFromContact(people[1].phone, number, "STOP");
  await expect(cell(page, "engagement", "Opted out")).toHaveText("1");
  await expect(cell(page, "engagement", "Responded")).toHaveText("1");

  // "Show as table" shows the numbers on screen instead of the chart.
  await page.getByTestId("chart-responses-toggle").click();
  await expect(page.getByTestId("chart-responses-table")).toBeVisible();
  await expect(page.getByTestId("chart-responses-svg")).toHaveCount(0);
  await expect(page.getByTestId("chart-responses-toggle")).toHaveAttribute("aria-expanded", "true");
});

test("the supervisor dashboard shows each active campaign live; Limited users don't have one", async ({ browser }) => {
  const people = [{ firstName: "Dash", lastName: "Board", phone: uniquePhone() }];
  const title = `Dashboard live ${Date.now()}`;
  const { campaignId, number, conversationIds } = await activeCampaign({
    as: DEMO.sam,
    office: "Admissions",
    contacts: people,
    title,
  });
  const page = await (await browser.newContext()).newPage();
  await signIn(page, DEMO.riley);
  await page.getByTestId("nav-dashboard").click();
  await expect(page.getByTestId("page-title")).toHaveText("Dashboard");
  const row = page.locator(`[data-testid="dashboard-row"][data-campaign-id="${campaignId}"]`);
  await expect(row).toContainText(title);
  await expect(row.getByTestId("dashboard-messaged")).toHaveText("1");

  await textFromContact(people[0].phone, number, "Is the event still on?");
  await expect(row.getByTestId("dashboard-needs-attention")).toHaveText("1");
  await expect(row.getByTestId("dashboard-engagement")).toHaveText("100%");
  const sam = await backendAs(DEMO.sam);
  await sam.mutation(api.conversations.sendReply, { conversationId: conversationIds[0], body: "Yes, it is!" });
  await expect(row.getByTestId("dashboard-agent-replies")).toHaveText("1");
  await expect(row.getByTestId("dashboard-needs-attention")).toHaveText("0");
  await row.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}/analytics`));
  await page.context().close();

  const lee = await (await browser.newContext()).newPage();
  await signIn(lee, DEMO.lee);
  await expect(lee.getByTestId("nav-campaigns")).toBeVisible();
  await expect(lee.getByTestId("nav-dashboard")).toHaveCount(0);
  await lee.context().close();
});
