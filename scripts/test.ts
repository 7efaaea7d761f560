/**
 * `npm test`: every check, in order, then one closing line `N passed, N failed`.
 * Each vitest and Playwright test counts once; every other step (format, lint, types, codegen
 * freshness, bundling, build) counts as one check. A failing step does not stop the others.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

type Counter = (reportFile: string) => { passed: number; failed: number } | null;

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
  /** Counts individual tests from the step's JSON report. */
  count?: Counter;
  reportFlag?: (file: string) => string[];
}

const npx = (...args: string[]) => ["npx", ...args];

const vitestCount: Counter = (file) => {
  const json = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  return { passed: json.numPassedTests, failed: json.numFailedTests };
};

const playwrightCount: Counter = (file) => {
  const json = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  return { passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected };
};

/** Debian's Chromium for the browser tests; installed here when missing and we are root. */
function ensureChromium(): boolean {
  if (existsSync("/usr/bin/chromium")) return true;
  if (process.getuid?.() !== 0) {
    console.error(
      "Chromium is missing: install Debian's chromium package (apt-get install -y chromium) to run the browser tests.",
    );
    return false;
  }
  console.log("Chromium is missing: installing Debian's chromium package (about a minute)…");
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return update.status === 0 && install.status === 0 && existsSync("/usr/bin/chromium");
}

const steps: Step[] = [
  { name: "format (prettier)", command: npx("prettier", "--check", ".", "--log-level", "warn") },
  { name: "svelte-kit sync", command: npx("svelte-kit", "sync") },
  { name: "lint (eslint)", command: npx("eslint", ".", "--max-warnings", "0") },
  {
    name: "types (svelte-check)",
    command: npx("svelte-check", "--tsconfig", "./tsconfig.json", "--threshold", "error", "--fail-on-warnings"),
  },
  { name: "types (convex/)", command: npx("tsc", "-p", "convex") },
  { name: "types (local/, bench/, scripts/)", command: npx("tsc", "-p", "tsconfig.node.json") },
  {
    name: "layout (stands alone, no import cycles, boundaries)",
    command: ["node", "--import", "tsx", "scripts/check-layout.ts"],
  },
  { name: "convex/_generated is fresh", command: ["node", "--import", "tsx", "scripts/codegen.ts", "--check"] },
  { name: "convex/ bundles for Convex's runtimes", command: ["node", "--import", "tsx", "scripts/check-bundle.ts"] },
  {
    name: "vitest (convex-test, unit, components, local backend)",
    command: npx("vitest", "run"),
    count: vitestCount,
    reportFlag: (file) => ["--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
  },
  { name: "build (vite build)", command: npx("vite", "build", "--logLevel", "warn") },
  {
    name: "browser (Playwright in Chromium)",
    command: npx("playwright", "test"),
    count: playwrightCount,
  },
];

let passed = 0;
let failed = 0;
const failures: string[] = [];
const reportDir = mkdtempSync(path.join(os.tmpdir(), "parley-test-"));

for (const [index, step] of steps.entries()) {
  console.log(`\n── ${step.name}: ${step.command.join(" ")}`);
  if (step.name.startsWith("browser") && !ensureChromium()) {
    failed += 1;
    failures.push(step.name);
    continue;
  }
  const report = path.join(reportDir, `${index}.json`);
  const [cmd, ...args] = step.command;
  const result = spawnSync(cmd, [...args, ...(step.reportFlag?.(report) ?? [])], {
    stdio: "inherit",
    env: { ...process.env, ...step.env, PLAYWRIGHT_JSON: report },
  });
  const counted = step.count && existsSync(report) ? step.count(report) : null;
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
    if (result.status !== 0 && counted.failed === 0) failed += 1;
    if (result.status !== 0 || counted.failed > 0) failures.push(step.name);
  } else if (result.status === 0) {
    passed += 1;
  } else {
    failed += 1;
    failures.push(step.name);
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join("; ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
