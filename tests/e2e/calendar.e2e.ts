/**
 * The Scheduled tab's calendar and table: campaigns on the right day for viewers in two time zones
 * (and for the zone chosen in the calendar), the add button's link to the wizard, Limited users
 * seeing only their offices' schedule while Standard users see every office's, and Reschedule /
 * Unschedule from both views. The campaigns are made once for the file (calendar-fixtures.ts).
 */
import { expect, test, type Page } from "@playwright/test";
import { api } from "../../convex/_generated/api.js";
import { displayNumber } from "../../convex/model/shared/numberRules.ts";
import { zonedInstant } from "../../convex/model/shared/timeZones.ts";
import { addDays, calendarFixtures, type CalendarFixtures } from "./calendar-fixtures.ts";
import { DEMO, expectAccessible, signIn } from "./helpers.ts";

test.describe.configure({ mode: "serial" });

let f: CalendarFixtures;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  f = await calendarFixtures();
});

const tile = (page: Page, date: string) => page.locator(`[data-testid="calendar-day"][data-date="${date}"]`);
const panelTitles = (page: Page) => page.getByTestId("calendar-day-panel").getByTestId("calendar-campaign-title");
const card = (page: Page, name: string) =>
  page.getByTestId("calendar-campaign").filter({ has: page.getByText(f.t(name), { exact: true }) });

/** Opens the Scheduled tab's calendar on the month of `date` (with the Next button) and selects the date. */
async function openDay(page: Page, date: string, query = "") {
  await page.goto(`/campaigns?tab=scheduled${query}`);
  await page.getByTestId("calendar-today").click();
  const monthName = (d: string) =>
    new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${d}T12:00:00Z`),
    );
  if ((await page.getByTestId("calendar-month").textContent())?.trim() !== monthName(date))
    await page.getByTestId("calendar-next").click();
  await expect(page.getByTestId("calendar-month")).toHaveText(monthName(date));
  await tile(page, date).getByTestId("calendar-day-button").click();
  await expect(tile(page, date)).toHaveAttribute("aria-selected", "true");
}

test.describe("a viewer in Chicago", () => {
  test.use({ timezoneId: "America/Chicago" });

  test("sees both late launches on D, with their details, the count and the zone on hover", async ({ page }) => {
    test.setTimeout(60_000); // several page loads, each with a Convex subscription
    await signIn(page, DEMO.sam);
    await openDay(page, f.D);
    await expect(page).toHaveURL(new RegExp(`date=${f.D}`));
    // Soonest first: Tokyo Morning (23:00 UTC on D) before Late New York (04:30 UTC on D+1).
    await expect(panelTitles(page).filter({ hasText: f.suffix })).toHaveText([
      f.t("Tokyo Morning"),
      f.t("Late New York"),
    ]);
    // More than one campaign: the tile shows how many (everything scheduled that day, whoever made it).
    const count = Number(await tile(page, f.D).getAttribute("data-count"));
    expect(count).toBeGreaterThanOrEqual(2);
    await expect(tile(page, f.D).getByTestId("calendar-day-count")).toHaveText(String(count));
    await expect(tile(page, f.D).getByTestId("calendar-day-button")).toHaveAccessibleName(
      new RegExp(`${count} scheduled campaigns`),
    );

    const late = card(page, "Late New York");
    await expect(late.getByTestId("calendar-campaign-number")).toContainText(displayNumber(f.admissions.e164));
    await expect(late.getByTestId("calendar-campaign-office")).toHaveText("Admissions");
    await expect(late.getByTestId("calendar-campaign-list").getByRole("link")).toHaveText(
      `Admissions cal list ${f.suffix}`,
    );
    await expect(late.getByTestId("calendar-campaign-title")).toHaveAttribute(
      "href",
      new RegExp(`/campaigns/${f.ids.lateNy}/general`),
    );
    // 23:30 in New York is 22:30 in Chicago; hovering names both zones.
    await expect(late.getByTestId("calendar-campaign-time")).toContainText("10:30 PM");
    await late.getByTestId("calendar-campaign-time").hover();
    await expect(page.getByTestId("calendar-campaign-time-zone")).toContainText("America/Chicago");
    await expect(page.getByTestId("calendar-campaign-time-zone")).toContainText("11:30 PM");
    await expect(page.getByTestId("calendar-campaign-time-zone")).toContainText("America/New_York");
    await page.keyboard.press("Escape");
    await expectAccessible(page);

    // The next day has neither.
    await openDay(page, addDays(f.D, 1));
    await expect(panelTitles(page).filter({ hasText: f.suffix })).toHaveCount(0);

    // Drawing the calendar in Tokyo's zone (the zone selector) moves both to D+1, in Tokyo time.
    await page.getByTestId("calendar-zone").selectOption("Asia/Tokyo");
    await expect(page).toHaveURL(/tz=Asia%2FTokyo/);
    await expect(panelTitles(page).filter({ hasText: f.suffix })).toHaveText([
      f.t("Tokyo Morning"),
      f.t("Late New York"),
    ]);
    await expect(card(page, "Tokyo Morning").getByTestId("calendar-campaign-time")).toContainText("8:00 AM");
    await openDay(page, f.D, "&tz=Asia%2FTokyo");
    await expect(panelTitles(page).filter({ hasText: f.suffix })).toHaveCount(0);
    await expect(page.getByTestId("calendar-zone")).toHaveValue("Asia/Tokyo");
  });

  test("the search and tag filter apply to the calendar's month too", async ({ page }) => {
    await signIn(page, DEMO.sam);
    // "All tabs can be searched and filtered by tags": the filters show on the calendar as well.
    await openDay(page, f.D, `&tag=${f.tag}`);
    await expect(page.getByTestId("campaign-search")).toBeVisible();
    await expect(page.getByTestId("campaign-tag-filter")).toHaveValue(f.tag);
    await expect(panelTitles(page)).toHaveText([f.t("Tokyo Morning")]);
    await expect(tile(page, f.D)).toHaveAttribute("data-count", "1");
    await expect(tile(page, addDays(f.D, 3))).toHaveAttribute("data-count", "0");
    await expect(page.getByTestId("calendar-filter-status")).toContainText("1 of");

    // A title search, typed on the calendar: only the matching campaign stays on its day.
    await openDay(page, f.D);
    await page.getByTestId("campaign-search").fill(`Late ${f.suffix}`);
    await expect(page).toHaveURL(/q=Late/);
    await expect(panelTitles(page)).toHaveText([f.t("Late New York")]);
    await expect(tile(page, f.D)).toHaveAttribute("data-count", "1");
    await expectAccessible(page);
  });

  test("the add button on a date opens the wizard on that date; arrows move between dates", async ({ page }) => {
    await signIn(page, DEMO.sam);
    await openDay(page, f.D);
    const add = tile(page, f.D).getByTestId("calendar-day-add");
    await expect(add).toHaveAttribute("href", `/campaigns/new?date=${f.D}`);
    await expect(page.getByTestId("calendar-panel-add")).toHaveAttribute("href", `/campaigns/new?date=${f.D}`);
    // Keyboard: the selected date is the grid's tab stop; arrows move it, Enter selects.
    await tile(page, f.D).getByTestId("calendar-day-button").focus();
    await page.keyboard.press("ArrowRight");
    await expect(tile(page, addDays(f.D, 1)).getByTestId("calendar-day-button")).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    await expect(tile(page, f.D)).toHaveAttribute("aria-selected", "true");
    await add.click();
    await expect(page).toHaveURL(new RegExp(`/campaigns/new\\?date=${f.D}$`));
  });
});

test.describe("a viewer in Tokyo", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("sees the same launches on D+1, in Tokyo time", async ({ page }) => {
    await signIn(page, DEMO.sam);
    await openDay(page, addDays(f.D, 1));
    await expect(panelTitles(page).filter({ hasText: f.suffix })).toHaveText([
      f.t("Tokyo Morning"),
      f.t("Late New York"),
    ]);
    const lateInTokyo = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo", timeStyle: "short" }).format(
      zonedInstant(f.D, "23:30", "America/New_York"),
    );
    await expect(card(page, "Late New York").getByTestId("calendar-campaign-time")).toContainText(lateInTokyo);
    await openDay(page, f.D);
    await expect(panelTitles(page).filter({ hasText: f.suffix })).toHaveCount(0);
  });
});

test("a Limited user sees only their offices' schedule; a Standard user sees other offices' too", async ({
  browser,
}) => {
  const D2 = addDays(f.D, 2);
  const rileyContext = await browser.newContext({
    timezoneId: "America/New_York",
    baseURL: process.env.PARLEY_E2E_URL,
  });
  const riley = await rileyContext.newPage();
  await signIn(riley, DEMO.riley); // Standard, Admissions only
  await openDay(riley, D2);
  await expect(panelTitles(riley).filter({ hasText: f.suffix })).toHaveText([
    f.t("Aid Other Office"),
    f.t("Advising Own"),
  ]);
  // Another office's campaign: its details, but no link into it.
  await expect(card(riley, "Aid Other Office")).toContainText("Another office");
  await expect(card(riley, "Aid Other Office").getByTestId("calendar-campaign-office")).toHaveText("Financial Aid");
  await expect(card(riley, "Aid Other Office").getByRole("link")).toHaveCount(0);
  await expect(card(riley, "Aid Other Office").getByTestId("calendar-campaign-reschedule")).toHaveCount(0);
  await rileyContext.close();

  const leeContext = await browser.newContext({ timezoneId: "America/New_York", baseURL: process.env.PARLEY_E2E_URL });
  const lee = await leeContext.newPage();
  await signIn(lee, DEMO.lee); // Limited, Advising
  await openDay(lee, D2);
  await expect(panelTitles(lee).filter({ hasText: f.suffix })).toHaveText([f.t("Advising Own")]);
  // Limited users don't schedule or change campaigns.
  await expect(lee.getByTestId("calendar-day-add")).toHaveCount(0);
  await expect(lee.getByTestId("calendar-panel-add")).toHaveCount(0);
  await expect(card(lee, "Advising Own").getByTestId("calendar-campaign-reschedule")).toHaveCount(0);
  await expectAccessible(lee);
  await leeContext.close();
});

test.describe("rescheduling and unscheduling", () => {
  test.use({ timezoneId: "America/New_York" });

  test("from the calendar", async ({ page }) => {
    test.setTimeout(60_000); // several page loads, each with a Convex subscription
    const sam = f.sam;
    const D3 = addDays(f.D, 3);
    const D4 = addDays(f.D, 4);
    await signIn(page, DEMO.sam);
    await openDay(page, D3);
    await card(page, "Move Me").getByTestId("calendar-campaign-reschedule").click();
    const dialog = page.getByTestId("reschedule-dialog");
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId("reschedule-zone")).toHaveValue("America/New_York");
    const [y, m, d] = D4.split("-");
    await page.getByTestId("reschedule-date").locator('[data-segment="month"]').click();
    await page.keyboard.type(`${m}${d}${y}`);
    // The same date in the picker's month calendar (a popover over the dialog); Escape closes only it.
    await page.getByTestId("reschedule-date-open").click();
    const picker = page.getByTestId("reschedule-date-calendar");
    await expect(picker.locator(`[data-value="${D4}"][data-selected]`).first()).toBeVisible();
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await expect(picker).toBeHidden();
    await expect(dialog).toBeVisible();
    await page.getByTestId("reschedule-time").locator('[data-segment="hour"]').click();
    await page.keyboard.type("1015");
    await page.keyboard.type("A");
    await expect(page.getByTestId("reschedule-summary")).toContainText("10:15 AM");
    await expectAccessible(page);
    await page.getByTestId("reschedule-save").click();
    await expect(dialog).toBeHidden();
    await expect
      .poll(async () => (await sam.query(api.campaigns.get, { campaignId: f.ids.moveMe })).scheduledAt)
      .toBe(zonedInstant(D4, "10:15", "America/New_York"));
    // It left D3 for D4.
    await expect(card(page, "Move Me")).toHaveCount(0);
    await openDay(page, D4);
    await expect(card(page, "Move Me").getByTestId("calendar-campaign-time")).toContainText("10:15 AM");

    // Unschedule asks first, then the campaign is a draft again and leaves the calendar.
    await card(page, "Move Me").getByTestId("calendar-campaign-unschedule").click();
    await expect(page.getByTestId("confirm-dialog-text")).toContainText("goes back to the Draft tab");
    await page.getByTestId("confirm-dialog-confirm").click();
    await expect(card(page, "Move Me")).toHaveCount(0);
    expect((await sam.query(api.campaigns.get, { campaignId: f.ids.moveMe })).status).toBe("draft");
  });

  test("from the table", async ({ page }) => {
    const sam = f.sam;
    await signIn(page, DEMO.sam);
    // The search is in the URL from the start, so the table's rows don't change under the menu.
    await page.goto(`/campaigns?tab=scheduled&q=${encodeURIComponent(f.t("Table Row"))}`);
    await expect(page.getByTestId("calendar-grid")).toBeVisible();
    await page.getByTestId("scheduled-view-table").click();
    await expect(page).toHaveURL(/view=table/);
    const row = page.getByTestId("campaign-row").filter({ hasText: f.t("Table Row") });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("datetime")).toContainText("2:00 PM");

    await row.getByTestId("campaign-actions").click();
    await page.getByTestId("campaign-action-reschedule").click();
    await page.getByTestId("reschedule-time").locator('[data-segment="hour"]').click();
    await page.keyboard.type("445");
    await page.keyboard.type("P");
    // The same wall-clock time, read in Chicago's zone: an hour later in New York.
    await page.getByTestId("reschedule-zone").selectOption("America/Chicago");
    await expect(page.getByTestId("reschedule-summary")).toContainText("5:45 PM");
    await page.getByTestId("reschedule-save").click();
    await expect(page.getByTestId("reschedule-dialog")).toBeHidden();
    await expect(row.getByTestId("datetime")).toContainText("5:45 PM");
    const detail = await sam.query(api.campaigns.get, { campaignId: f.ids.tableRow });
    expect(detail.timeZone).toBe("America/Chicago");
    expect(detail.scheduledAt).toBe(zonedInstant(addDays(f.D, 3), "16:45", "America/Chicago"));

    await row.getByTestId("campaign-actions").click();
    await page.getByTestId("campaign-action-unschedule").click();
    await page.getByTestId("confirm-dialog-confirm").click();
    await expect(row).toHaveCount(0);
    expect((await sam.query(api.campaigns.get, { campaignId: f.ids.tableRow })).status).toBe("draft");
  });
});
