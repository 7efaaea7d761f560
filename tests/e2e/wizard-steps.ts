/**
 * Steps the wizard and lists specs share: uploading the fixture CSV through ListImport and
 * typing a date and time into bits-ui's segmented fields.
 */
import { expect, type Page } from "@playwright/test";
import path from "node:path";

export const FIXTURE_CSV = path.join(import.meta.dirname, "fixtures", "wizard-contacts.csv");

/** Uploads the fixture (4 good rows, 2 bad) as `name` through the visible ListImport. */
export async function uploadFixture(page: Page, name: string): Promise<void> {
  const panel = page.getByTestId("list-import");
  await panel.getByTestId("import-name").fill(name);
  await panel.getByTestId("import-file").setInputFiles(FIXTURE_CSV);
  await expect(panel.getByTestId("import-parsed")).toHaveText("6 rows found, 4 columns.");
  // The mapping is suggested from the header names; the other column becomes a merge field.
  await expect(panel.getByTestId("map-phone")).toHaveValue("Mobile Phone");
  await expect(panel.getByTestId("map-firstName")).toHaveValue("First Name");
  await expect(panel.getByTestId("map-lastName")).toHaveValue("Last Name");
  await expect(panel.getByTestId("mapping-custom")).toContainText("{Program}");
  await panel.getByTestId("import-start").click();
  await expect(panel.getByTestId("import-result")).toContainText(
    "4 contacts imported, 0 duplicates merged, 2 rows rejected",
  );
}

/** The rejected-rows report of the fixture: on screen, and as the downloaded CSV. */
export async function expectFixtureReport(page: Page): Promise<void> {
  const report = page.getByTestId("rejected-report");
  await expect(report.getByTestId("rejected-row")).toHaveCount(2);
  await expect(report.getByTestId("rejected-row").nth(0)).toContainText("4");
  await expect(report.getByTestId("rejected-row").nth(0)).toContainText("not a valid phone number");
  await expect(report.getByTestId("rejected-row").nth(1)).toContainText("missing phone");
  const download = page.waitForEvent("download");
  await report.getByTestId("rejected-download").click();
  const file = await download;
  const text = await new Response((await file.createReadStream()) as unknown as ReadableStream).text();
  expect(text).toBe("Row,Reason\r\n4,not a valid phone number\r\n6,missing phone\r\n");
}

/** Types into a bits-ui segment (focus it, then the digits). */
async function typeSegment(page: Page, testId: string, digits: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(digits);
}

/** Sets the wizard's launch date and time (UTC parts of `at`) and the zone UTC. */
export async function setScheduleUtc(page: Page, at: Date): Promise<void> {
  await page.getByTestId("schedule-zone").selectOption("UTC");
  const two = (n: number) => String(n).padStart(2, "0");
  await typeSegment(page, "schedule-date-month", two(at.getUTCMonth() + 1));
  await typeSegment(page, "schedule-date-day", two(at.getUTCDate()));
  await typeSegment(page, "schedule-date-year", String(at.getUTCFullYear()));
  await typeSegment(page, "schedule-time-hour", two(at.getUTCHours()));
  await typeSegment(page, "schedule-time-minute", two(at.getUTCMinutes()));
  await typeSegment(page, "schedule-time-second", two(at.getUTCSeconds()));
}
