/**
 * `npm run backend:env -- [--data DIR] set NAME VALUE | get NAME | remove NAME | list`
 * Deployment environment variables, like `npx convex env`. A running backend applies a change
 * at once; a stopped one reads it at its next start.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { adminKey, readEnv, readRunning, updateEnv } from "./config.ts";

const { values, positionals } = parseArgs({
  options: { data: { type: "string", default: ".parley/data" } },
  allowPositionals: true,
});
const dataDir = path.resolve(values.data);
const [command, name, value] = positionals;
const usage = "Usage: npm run backend:env -- [--data DIR] set NAME VALUE | get NAME | remove NAME | list";

async function change(changes: { name: string; value: string | null }[]): Promise<void> {
  const running = readRunning(dataDir);
  if (!running) {
    updateEnv(dataDir, changes);
    return;
  }
  const response = await fetch(`${running.url}/api/v1/update_environment_variables`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Convex ${adminKey(dataDir)}` },
    body: JSON.stringify({ changes }),
  });
  if (!response.ok) throw new Error(((await response.json()) as { message: string }).message);
}

try {
  if (command === "set" && name && value !== undefined) {
    await change([{ name, value }]);
    console.log(`Set ${name}`);
  } else if (command === "remove" && name) {
    await change([{ name, value: null }]);
    console.log(`Removed ${name}`);
  } else if (command === "get" && name) {
    const env = readEnv(dataDir);
    if (!(name in env)) throw new Error(`${name} is not set`);
    console.log(env[name]);
  } else if (command === "list") {
    for (const [k, v] of Object.entries(readEnv(dataDir))) console.log(`${k}=${v}`);
  } else {
    console.error(usage);
    process.exit(2);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
