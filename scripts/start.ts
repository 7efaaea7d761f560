/**
 * `npm start`: Parley on this machine with demo data. First run creates `.parley/` (data, Convex
 * Auth keys); later runs keep the data. With PUBLIC_CONVEX_URL set, the app uses that
 * deployment and no local backend starts. Ctrl-C stops everything.
 */
import path from "node:path";
import { ROOT, startStack } from "./stack.ts";

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const stack = await startStack({
  dataDir: path.join(ROOT, ".parley", "data"),
  appPort: port("PORT", 3000),
  backendPort: port("PARLEY_BACKEND_PORT", 3210),
  sitePort: port("PARLEY_SITE_PORT", 3211),
  simulatorPort: port("PARLEY_TWILIO_PORT", 3299),
  externalConvexUrl: process.env.PUBLIC_CONVEX_URL,
  demoContent: true,
}).catch((error: unknown) => {
  console.error(`Parley could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.log(`
Parley is running.
  App                 ${stack.appUrl}
  Convex backend      ${stack.convexUrl}${stack.siteUrl ? `\n  HTTP actions        ${stack.siteUrl}` : ""}${stack.simulator ? `\n  Twilio simulator    ${stack.simulator.url} (the phone: play a contact and text back)` : ""}
${stack.demoUsers.length > 0 ? `\nDemo sign-ins (password for all: ${stack.demoUsers[0].password}):\n${stack.demoUsers.map((u) => `  ${u.email.padEnd(22)} ${u.role}`).join("\n")}\n` : ""}
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping Parley…");
    void stack.stop().then(() => process.exit(0));
  });
}
