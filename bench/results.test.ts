/** The results table and target checks `npm run bench` ends with. */
import { describe, expect, test } from "vitest";
import { check, merge, result, table, TARGETS, type ResultsFile } from "./results.ts";

const MACHINE = { cpus: 2, cpuModel: "test", memoryGiB: 4, loadAverage: [1, 1, 1], node: "v20", platform: "linux" };

describe("check", () => {
  test("each target of the bench is compared with its figure, and the bench's own verdict counts too", () => {
    const checks = check("import", { total_s: 42, stored: true, pass: true });
    expect(checks.map((c) => [c.figure, c.pass])).toEqual([
      ["total_s", true],
      ["stored", true],
      ["pass", true],
    ]);
  });

  test("a figure past its target, a missing figure or a failed verdict fails", () => {
    expect(check("import", { total_s: 61, stored: true }).find((c) => c.figure === "total_s")?.pass).toBe(false);
    expect(check("import", { stored: true }).find((c) => c.figure === "total_s")).toMatchObject({
      value: null,
      pass: false,
    });
    expect(check("import", { total_s: 1, stored: true, pass: false }).at(-1)?.pass).toBe(false);
    expect(check("send", { achieved_over_limit: 0.94 })[0].pass).toBe(false);
    expect(check("send", { achieved_over_limit: 0.95 })[0].pass).toBe(true);
    expect(check("load", { texts_lost: Number.NaN })[0].pass).toBe(false);
  });

  test("a figure with an aim is reported against it but never fails the run", () => {
    const figures = { texts_lost: 0, texts_duplicated: 0, agents_converged: true, converge_after_last_text_s: 6 };
    const above = result("load", { ...figures, propagation_p95_ms: 6800 }, 1);
    expect(above.pass).toBe(true);
    expect(table({ load: above })).toMatch(/propagation_p95_ms\s+6800 ms\s+aim <= 2000\s+above aim/);
    expect(table({ load: result("load", { ...figures, propagation_p95_ms: 900 }, 1) })).toMatch(
      /propagation_p95_ms\s+900 ms\s+aim <= 2000\s+ok/,
    );
  });

  test("every bench named in the runner has targets", () => {
    for (const name of ["backend", "scale", "import", "send", "ui", "load", "faults", "badinput"])
      expect(TARGETS[name]?.length).toBeGreaterThan(0);
  });
});

describe("result and table", () => {
  test("a bench that threw fails and shows its error; the table counts the benches that met every target", () => {
    const results = {
      import: result("import", { total_s: 30, stored: true, pass: true }, 31.26),
      load: result("load", {}, 5, "Error: the backend did not start\n    at stack"),
    };
    expect(results.import).toMatchObject({ pass: true, seconds: 31.3 });
    expect(results.load).toMatchObject({ pass: false, checks: [], error: expect.stringContaining("did not start") });
    const text = table(results);
    expect(text).toMatch(/import\s+total_s\s+30 s\s+<= 60\s+ok/);
    expect(text).toMatch(/load\s+error\s+Error: the backend did not start\s+FAIL/);
    expect(text).not.toContain("at stack");
    expect(text.trim().split("\n").at(-1)).toBe("1 of 2 benches met every target");
  });
});

describe("merge", () => {
  test("benches run now replace theirs; the others keep their results and the machine they ran on", () => {
    const old = result("send", { achieved_over_limit: 0.97, pass: true }, 90);
    const previous: ResultsFile = {
      machine: { ...MACHINE, cpus: 8 },
      date: "2026-11-01",
      benches: { send: old, import: old },
    };
    const fresh = { import: result("import", { total_s: 20, stored: true }, 21) };
    const merged = merge(previous, fresh, MACHINE);
    expect(merged.machine).toEqual(MACHINE);
    expect(merged.benches.import).toBe(fresh.import);
    expect(merged.benches.send).toMatchObject({ figures: old.figures, machine: { cpus: 8 } });
    expect(merge(null, fresh, MACHINE).benches).toEqual(fresh);
  });
});
