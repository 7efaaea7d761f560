/**
 * The Phone numbers page: an Admin provisions a reusable number (search by area code at the Twilio
 * simulator, pick, name, unsolicited settings), edits its unsolicited-message settings (with the
 * backend's refusal shown in words) and releases it; a Standard user reads the numbers of their
 * offices — reusable ones read-only, single-use ones with their campaign, releasable by them.
 */
import { expect, test, type Page } from "@playwright/test";
import { api } from "../../convex/_generated/api.js";
import type { Id } from "../../convex/_generated/dataModel.js";
import { displayNumber } from "../../convex/model/shared/numberRules.ts";
import { backendAs, DEMO, expectAccessible, signIn } from "./helpers.ts";

test.describe.configure({ mode: "serial" });

const suffix = `n${Date.now().toString(36)}`;
const row = (page: Page, e164: string) => page.locator(`[data-testid="number-row"][data-number="${e164}"]`);
let provisioned = "";

test("an Admin provisions a reusable number, edits its unsolicited settings and releases it", async ({ page }) => {
  test.setTimeout(60_000);
  const admin = await backendAs(DEMO.admin);
  await signIn(page, DEMO.admin);
  await page.goto("/numbers");
  await expect(page.getByTestId("numbers-table-reusable")).toBeVisible();
  await page.getByTestId("numbers-provision").click();
  const dialog = page.getByTestId("provision-dialog");
  await dialog.getByTestId("provision-office").selectOption({ label: "Advising" });
  // Choosing the office puts its inbox in the settings to start with.
  await expect(dialog.locator('[data-testid="unsolicited-office-inbox"][data-name="Advising"]')).toBeChecked();
  await dialog.getByTestId("provision-area-code").fill("41");
  await expect(dialog.getByTestId("provision-search")).toBeDisabled();
  await dialog.getByTestId("provision-area-code").fill("808");
  // Enter in the area code searches (it doesn't submit the form).
  await dialog.getByTestId("provision-area-code").press("Enter");
  const results = dialog.getByTestId("provision-result");
  await expect(results.first()).toBeVisible();
  await expect(dialog.getByTestId("provision-submit")).toBeDisabled();
  // Hawaii's 808, which no other spec buys from, so the number stays available.
  provisioned = (await results.last().getAttribute("value")) as string;
  expect(provisioned).toMatch(/^\+1808\d{7}$/);
  await results.last().check();
  await dialog.getByTestId("provision-name").fill(`Advising line ${suffix}`);
  await dialog.getByTestId("unsolicited-handled-by-va").check();
  await expectAccessible(page);
  await dialog.getByTestId("provision-submit").click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("numbers-provisioned")).toBeVisible();

  const line = row(page, provisioned);
  await expect(line).toContainText(displayNumber(provisioned));
  await expect(line).toContainText(`Advising line ${suffix}`);
  await expect(line.getByTestId("number-unsolicited")).toHaveText("Virtual Assistant · 1 inbox");
  await expect(line.getByTestId("number-used-by")).toHaveText("—");

  // The settings editor: agents, Lee's personal inbox instead of the office's.
  await line.getByTestId("number-settings").click();
  const settings = page.getByTestId("number-settings-dialog");
  await expect(settings.getByTestId("unsolicited-handled-by-va")).toBeChecked();
  await settings.getByTestId("unsolicited-handled-by-agent").check();
  await settings.locator('[data-testid="unsolicited-office-inbox"][data-name="Advising"]').uncheck();
  // No inbox at all: the backend refuses, in words, and the dialog stays open.
  await settings.getByTestId("number-settings-save").click();
  await expect(settings.getByTestId("number-settings-error")).toHaveText(
    "Choose at least one inbox (a person or an office) to receive unsolicited messages.",
  );
  await settings.locator('[data-testid="unsolicited-user-inbox"][data-name="Lee Morgan"]').check();
  await expectAccessible(page);
  await settings.getByTestId("number-settings-save").click();
  await expect(settings).toBeHidden();
  await expect(line.getByTestId("number-unsolicited")).toHaveText("Agents · 1 inbox");
  const numbers = await admin.query(api.numbers.list, { kind: "reusable" });
  const saved = numbers.find((n) => n.e164 === provisioned);
  const detail = await admin.query(api.numbers.get, { numberId: saved?._id as Id<"phoneNumbers"> });
  expect(detail?.unsolicited?.handledBy).toBe("agent");
  expect(detail?.unsolicitedInboxes?.users.map((u) => u.name)).toEqual(["Lee Morgan"]);
  expect(detail?.unsolicitedInboxes?.offices).toEqual([]);

  // Release asks first; the number leaves the page (and shows as released on request).
  await line.getByTestId("number-release").click();
  await expect(page.getByTestId("confirm-dialog-text")).toContainText("goes back to Twilio");
  await page.getByTestId("confirm-dialog-confirm").click();
  await expect(line).toHaveCount(0);
  await page.getByTestId("numbers-show-released").check();
  await expect(page).toHaveURL(/released=1/);
  await expect(row(page, provisioned).filter({ hasText: `Advising line ${suffix}` })).toHaveAttribute(
    "data-status",
    "released",
  );
});

test("a Standard user reads reusable numbers, and sees and releases a single-use number of a draft", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const sam = await backendAs(DEMO.sam);
  const admissions = (await sam.query(api.viewer.get, {}))?.offices.find((o) => o.name === "Admissions")
    ?._id as Id<"offices">;
  const campaignId = await sam.mutation(api.campaigns.create, {
    officeId: admissions,
    timeZone: "America/New_York",
    title: `Numbers draft ${suffix}`,
  });
  let singleUse = "";
  for (const areaCode of ["212", "303", "312", "404", "503", "602"]) {
    const found = await sam.action(api.numbers.searchAvailable, { areaCode, kind: "singleUse" });
    for (const candidate of found.reverse()) {
      try {
        await sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: candidate.phoneNumber });
        singleUse = candidate.phoneNumber;
        break;
      } catch {
        // Taken meanwhile: try the next.
      }
    }
    if (singleUse) break;
  }
  expect(singleUse).not.toBe("");

  await signIn(page, DEMO.sam);
  await page.goto("/numbers");
  // Only admins provision reusable numbers.
  await expect(page.getByTestId("numbers-table-reusable")).toBeVisible();
  await expect(page.getByTestId("numbers-provision")).toHaveCount(0);
  const reusableRows = page.getByTestId("numbers-table-reusable").getByTestId("number-row");
  await expect(reusableRows.first()).toBeVisible();
  await expect(reusableRows.getByTestId("number-release")).toHaveCount(0);
  // Their settings are readable, not editable.
  await reusableRows.first().getByTestId("number-settings").click();
  await expect(page.getByTestId("number-settings-readonly")).toBeVisible();
  await expect(page.getByTestId("number-settings-save")).toHaveCount(0);
  await page.keyboard.press("Escape");

  const line = row(page, singleUse);
  await expect(line).toContainText(`Numbers draft ${suffix}`);
  await expect(line.getByRole("link", { name: `Numbers draft ${suffix}` })).toHaveAttribute(
    "href",
    new RegExp(`/campaigns/${campaignId}`),
  );
  await expectAccessible(page);
  await line.getByTestId("number-release").click();
  await page.getByTestId("confirm-dialog-confirm").click();
  await expect(line).toHaveCount(0);
  const detail = await sam.query(api.campaigns.get, { campaignId });
  expect(detail.number?.status).toBe("released");
});
