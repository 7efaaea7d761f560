import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn } from "./helpers.ts";

const HEADER = "id,question,answer,alternates,keywords\n";

async function openKnowledgeBase(page: Page, email: string, office: string): Promise<void> {
  await signIn(page, email);
  await page.getByTestId("nav-knowledge").click();
  await expect(page.getByTestId("page-title")).toHaveText("Knowledge base");
  await page.getByTestId("office-filter").selectOption({ label: office });
  await expect(page.getByRole("heading", { name: office, level: 2 })).toBeVisible();
}

async function tryMessage(page: Page, message: string) {
  await page.getByTestId("kb-try-input").fill(message);
  return page.getByTestId("kb-try-result");
}

test("a Standard user searches, tries, adds, edits and deletes entries", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const question = `Do you sell parking permits ${suffix}?`;
  await openKnowledgeBase(page, DEMO.sam, "Financial Aid");
  await expect(page.getByTestId("kb-row").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByTestId("kb-search").fill("verification");
  await expect(page.getByTestId("kb-row-question").first()).toHaveText("What is verification and what do I send?");
  await page.getByTestId("kb-search").fill("");

  await expect(await tryMessage(page, "wats the fafsa deadline?")).toContainText("March 1");
  await expect(await tryMessage(page, "lol ok")).toContainText("I don't know: it's small talk");
  await expect(await tryMessage(page, `can i get a parking permit ${suffix}`)).toContainText("I don't know");

  await page.getByTestId("kb-add").click();
  await page.getByTestId("kb-form-question").fill(question);
  await page.getByTestId("kb-form-save").click();
  await expect(page.getByTestId("kb-form-error")).toHaveText("Enter the answer.");
  await page.getByTestId("kb-form-answer").fill("Parking permits are sold by Campus Safety, Room 10.");
  await page
    .getByTestId("kb-form-alternates")
    .fill(`where do I buy a parking pass ${suffix}\nstudent parking ${suffix}`);
  await page.getByTestId("kb-form-keywords").fill(`parking, permit, ${suffix}`);
  await expectAccessible(page);
  await page.getByTestId("kb-form-save").click();
  const row = page.getByTestId("kb-row").filter({ hasText: question });
  await expect(row.getByTestId("kb-row-question")).toHaveText(question);
  await expect(await tryMessage(page, `can i get a parking permit ${suffix}`)).toContainText("Campus Safety, Room 10");

  await row.getByTestId("kb-edit").click();
  await expect(page.getByTestId("kb-form-question")).toHaveValue(question);
  await page.getByTestId("kb-form-answer").fill("Parking permits are sold online at parking.example.edu.");
  await page.getByTestId("kb-form-save").click();
  await expect(row).toContainText("parking.example.edu");
  await expect(page.getByTestId("kb-try-result")).toContainText("parking.example.edu");

  await row.getByTestId("kb-delete").click();
  await expect(page.getByRole("alertdialog")).toContainText("Delete this entry?");
  await expectAccessible(page);
  await page.getByTestId("kb-delete-confirm").click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("kb-try-result")).toContainText("I don't know");
});

test("CSV import reports bad rows and imports nothing; a good file imports; export downloads the file", async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  await openKnowledgeBase(page, DEMO.sam, "Admissions");
  const upload = async (name: string, text: string) =>
    await page.getByTestId("kb-import-input").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

  await upload(
    "bad.csv",
    `${HEADER}tour-${suffix},Can I tour campus ${suffix}?,Tours run daily at 10.,,\nx-${suffix},Empty ${suffix}?,,,\n`,
  );
  await expect(page.getByTestId("kb-import-report")).toContainText("Nothing was imported. One row can't be imported:");
  await expect(page.getByTestId("kb-import-report")).toContainText("Row 3: the answer is empty");
  await page.getByTestId("kb-search").fill(suffix);
  await expect(page.getByText(`No entry matches “${suffix}”.`)).toBeVisible();

  await upload(
    "good.csv",
    `${HEADER}tour-${suffix},Can I tour campus ${suffix}?,Tours run daily at 10.,campus visit ${suffix},tour;visit\n`,
  );
  await expect(page.getByTestId("kb-import-report")).toContainText("Imported good.csv: 1 added.");
  await expect(page.getByTestId("kb-row-question")).toHaveText(`Can I tour campus ${suffix}?`);

  const download = page.waitForEvent("download");
  await page.getByTestId("kb-export").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("knowledge-base-admissions.csv");
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text).toString("utf8");
  expect(csv.startsWith(HEADER)).toBe(true);
  expect(csv).toContain(
    `tour-${suffix},Can I tour campus ${suffix}?,"Tours run daily at 10.",campus visit ${suffix},tour;visit\n`,
  );
});

test("a Limited user reads and tries the knowledge base but sees no way to change it", async ({ page }) => {
  await signIn(page, DEMO.lee);
  await page.getByTestId("nav-knowledge").click();
  await expect(page.getByRole("heading", { name: "Advising", level: 2 })).toBeVisible();
  await expect(page.getByText("Read only: Admins and Standard users of this office edit it.")).toBeVisible();
  await expect(page.getByTestId("kb-search")).toBeVisible();
  await expect(page.getByTestId("kb-export")).toBeVisible();
  for (const control of ["kb-add", "kb-import-input", "kb-edit", "kb-delete"])
    await expect(page.getByTestId(control)).toHaveCount(0);
  await expect(await tryMessage(page, "when is orientation")).toContainText("this office has no entries yet");
  await expectAccessible(page);
});
