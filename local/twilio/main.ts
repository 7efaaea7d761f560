/**
 * `npm run twilio -- [--port 3299] [--host 127.0.0.1] [--account-sid AC…] [--auth-token …]
 *   [--data file.json] [--seed 1]`
 * Runs the Twilio simulator on real time until SIGINT/SIGTERM.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, startSimulator } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3299" },
    host: { type: "string", default: "127.0.0.1" },
    "account-sid": { type: "string", default: process.env.TWILIO_ACCOUNT_SID ?? DEFAULT_ACCOUNT_SID },
    "auth-token": { type: "string", default: process.env.TWILIO_AUTH_TOKEN ?? DEFAULT_AUTH_TOKEN },
    data: { type: "string" },
    seed: { type: "string", default: "1" },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}
if (!values["account-sid"].startsWith("AC")) {
  console.error(`--account-sid must start with AC, got "${values["account-sid"]}"`);
  process.exit(2);
}

const simulator = await startSimulator({
  port,
  host: values.host,
  accountSid: values["account-sid"],
  authToken: values["auth-token"],
  dataFile: values.data ? path.resolve(values.data) : undefined,
  seed: Number(values.seed) || 1,
}).catch((error: unknown) => {
  console.error(`The Twilio simulator could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.log(`Account ${simulator.accountSid}, auth token ${simulator.authToken}`);
console.log(`Phones at ${simulator.url}/phone${values.data ? `, state in ${path.resolve(values.data)}` : ""}`);
console.log(`Twilio simulator ready at ${simulator.url}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the Twilio simulator`);
  await simulator.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
