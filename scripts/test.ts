/**
 * `npm test`: every check, in order, then one closing line `N passed, N failed`.
 * Each vitest test counts once; every other step (lint, types, build, …) counts as one check.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

interface Step {
  name: string;
  command: string[];
  /** A vitest run: its tests are counted from the JSON report. */
  vitest?: boolean;
}

const steps: Step[] = [
  { name: "types (local, bench, scripts)", command: ["npx", "tsc", "-p", "tsconfig.json"] },
  { name: "vitest", command: ["npx", "vitest", "run"], vitest: true },
];

let passed = 0;
let failed = 0;
const failures: string[] = [];
const reportDir = mkdtempSync(path.join(os.tmpdir(), "parley-test-"));

for (const step of steps) {
  console.log(`\n── ${step.name}: ${step.command.join(" ")}`);
  const report = path.join(reportDir, `${steps.indexOf(step)}.json`);
  const args = step.vitest ? [...step.command.slice(1), "--reporter=default", "--reporter=json", `--outputFile.json=${report}`] : step.command.slice(1);
  const result = spawnSync(step.command[0], args, { stdio: "inherit" });
  if (step.vitest) {
    try {
      const json = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
      passed += json.numPassedTests;
      failed += json.numFailedTests;
      if (json.numFailedTests > 0 || result.status !== 0) failures.push(step.name);
      if (result.status !== 0 && json.numFailedTests === 0) failed += 1;
      continue;
    } catch {
      // no report: the run itself failed
    }
  }
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    failures.push(step.name);
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
