import { expect, test } from "@playwright/test";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api.js";
import { DEMO, PASSWORD, signIn } from "./helpers.ts";

/** The admin on the backend, to set up an office of this test's own (other tests use the demo ones). */
async function adminClient(): Promise<ConvexHttpClient> {
  const client = new ConvexHttpClient(process.env.PARLEY_E2E_CONVEX_URL as string);
  const { tokens } = (await client.action(api.auth.signIn, {
    provider: "password",
    params: { email: DEMO.admin, password: PASSWORD(), flow: "signIn" },
  })) as { tokens?: { token: string } | null };
  if (!tokens) throw new Error("Could not sign in as the demo admin");
  client.setAuth(tokens.token);
  return client;
}

test("an agent sees another person's change without reloading", async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const office = `Live desk ${suffix}`;
  const backend = await adminClient();
  const officeId = await backend.mutation(api.admin.createOffice, { name: office });
  const riley = (await backend.query(api.admin.listUsers, {})).find((u) => u.email === DEMO.riley);
  if (!riley) throw new Error("The demo seed has no Riley");
  await backend.mutation(api.admin.updateUser, { userId: riley._id, officeIds: [...riley.officeIds, officeId] });

  const adminContext = await browser.newContext();
  const agentContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const agent = await agentContext.newPage();
  await signIn(admin, DEMO.admin);
  await signIn(agent, DEMO.riley);
  const filter = agent.getByTestId("office-filter");
  await expect(filter).toContainText(office);

  const renamed = `Live desk renamed ${suffix}`;
  await admin.getByTestId("nav-admin").click();
  const row = admin
    .getByTestId("office-row")
    .filter({ has: admin.getByTestId("office-row-name").getByText(office, { exact: true }) });
  await row.getByTestId("office-rename").click();
  await admin.getByTestId("office-rename-input").fill(renamed);
  await admin.getByTestId("office-rename-save").click();

  await expect(filter).toContainText(renamed);
  await adminContext.close();
  await agentContext.close();
});
