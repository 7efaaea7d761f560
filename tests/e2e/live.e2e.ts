import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers.ts";

test("an agent sees another person's change without reloading", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const agentContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const agent = await agentContext.newPage();
  await signIn(admin, DEMO.admin);
  await signIn(agent, DEMO.riley);
  const filter = agent.getByTestId("office-filter");
  await expect(filter).toContainText("Admissions");

  const renamed = `Admissions ${Date.now().toString(36)}`;
  await admin.getByTestId("nav-admin").click();
  const row = admin
    .getByTestId("office-row")
    .filter({ has: admin.getByTestId("office-row-name").getByText("Admissions", { exact: true }) });
  await row.getByTestId("office-rename").click();
  await admin.getByTestId("office-rename-input").fill(renamed);
  await admin.getByTestId("office-rename-save").click();

  await expect(filter).toContainText(renamed);
  await adminContext.close();
  await agentContext.close();
});
