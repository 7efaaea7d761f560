/**
 * Starts Parley for the browser tests: a fresh local backend with the demo data and the built
 * app, on free ports. Returns the teardown.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { api } from "../../convex/_generated/api.js";
import { signInAs } from "../../scripts/api-client.ts";
import { freePort, startStack } from "../../scripts/stack.ts";

export default async function setup(): Promise<() => Promise<void>> {
  const stack = await startStack({
    dataDir: mkdtempSync(path.join(os.tmpdir(), "parley-e2e-")),
    appPort: await freePort(),
    backendPort: 0,
    sitePort: 0,
    simulatorPort: 0,
    // The specs count conversations and badges: no demo campaigns or conversations of their own.
    demoContent: false,
  });
  // The specs text contacts at whatever hour they run: no quiet hours in their organization (the
  // rule itself is tested in convex/model/sending/quietHours.test.ts and convex/admin.test.ts).
  const admin = await signInAs(stack.convexUrl, "admin@parley.test", stack.demoUsers[0]?.password ?? "");
  await admin.mutation(api.admin.setQuietHours, { start: "00:00", end: "00:00" });
  process.env.PARLEY_E2E_URL = stack.appUrl;
  process.env.PARLEY_E2E_CONVEX_URL = stack.convexUrl;
  process.env.PARLEY_E2E_PASSWORD = stack.demoUsers[0]?.password ?? "";
  process.env.PARLEY_E2E_TWILIO_URL = stack.simulator?.url ?? "";
  return async () => await stack.stop();
}
