/**
 * Scheduled functions and crons of a local deployment.
 *
 * `ctx.scheduler.runAt/runAfter` become pending rows of `_scheduled_functions` (durable with the
 * rest of the data); timers follow commits, so a job exists only once its transaction commits
 * and survives restarts. A mutation job runs in the same transaction as its state change, so it
 * never half-runs; an action job that was running when the process died is marked failed, as a
 * deployment does.
 */
import { makeFunctionReference } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Runtime } from "./internals-runtime.ts";
import type { CommitInfo, Doc, TestConvex } from "./internals-shapes.ts";
import { TimerQueue, nextCronRun, type CronSchedule } from "./scheduler.ts";

export type FunctionKind = "query" | "mutation" | "action";

export function kindOfFunction(fn: Record<string, unknown>): FunctionKind | null {
  if (fn.isQuery) return "query";
  if (fn.isMutation) return "mutation";
  if (fn.isAction) return "action";
  return null;
}

/** `messages.js:list` → module `messages`, export `list`. */
export function parseUdfPath(udfPath: string): { module: string; name: string; canonical: string } {
  const [file, name = "default"] = udfPath.split(":");
  const module = file.replace(/\.js$/, "");
  return { module, name, canonical: `${module}:${name}` };
}

/** How a deployment names a job in `_scheduled_functions`: the module's path with `.js`. */
export function storedJobName(udfPath: string): string {
  const { module, name } = parseUdfPath(udfPath);
  return `${module}.js:${name}`;
}

/** Which component and function a `1.0/schedule` address names, relative to the caller. */
export function scheduleTarget(
  a: { name?: string; reference?: string; functionHandle?: string },
  current: string,
): { componentPath: string; udfPath: string } {
  if (a.functionHandle) {
    const [componentPath, udfPath] = a.functionHandle.replace("function://", "").split(";");
    return { componentPath, udfPath };
  }
  if (a.reference) {
    const parts = a.reference.split("/");
    const child = parts[2];
    const rest = parts.slice(3);
    const fnName = rest.pop() as string;
    return { componentPath: current ? `${current}/${child}` : child, udfPath: `${rest.join("/")}:${fnName}` };
  }
  return { componentPath: current, udfPath: a.name as string };
}

type Api = Record<string, (...a: unknown[]) => Promise<unknown>>;
type RunCron = (
  kind: FunctionKind,
  udfPath: string,
  args: Record<string, Value>,
) => Promise<{ ok: boolean; errorMessage?: string }>;

export class Jobs {
  private readonly timers = new TimerQueue();
  private closed = false;

  constructor(
    private readonly runtime: Runtime,
    private readonly t: TestConvex,
  ) {}

  /** The `1.0/schedule` syscall: inserts the pending job in the caller's component. */
  schedule(args: string): string {
    const a = JSON.parse(args) as {
      name?: string;
      reference?: string;
      functionHandle?: string;
      args: JSONValue;
      ts: number;
    };
    const current = this.runtime.currentComponentPath();
    const target = scheduleTarget(a, current);
    const job: Record<string, unknown> = {
      args: [jsonToConvex(a.args)],
      name: storedJobName(target.udfPath),
      scheduledTime: a.ts * 1000,
      state: { kind: "pending" },
    };
    if (target.componentPath !== current) job.component = target.componentPath;
    const id = this.runtime.db(current).insert("_scheduled_functions", job);
    return JSON.stringify(convexToJson(id));
  }

  /** Arms timers for jobs a durable commit created, and drops those it cancelled or ran. */
  committed(commit: CommitInfo): void {
    for (const change of commit.changes) {
      if (change.table !== "_scheduled_functions") continue;
      const state = (change.after?.state as { kind?: string } | undefined)?.kind;
      if (change.after && state === "pending") this.arm(change.component, change.after);
      else this.timers.delete(`${change.component}\u0000${change.id}`);
    }
  }

  /** After a restart: pending jobs wait again; jobs that were running are retried or failed. */
  async recover(): Promise<void> {
    for (const component of this.runtime.componentPaths()) {
      const db = this.runtime.db(component);
      for (const id of db._tableIds.get("_scheduled_functions") ?? []) {
        const job = db._documents[id];
        const kind = (job.state as { kind: string }).kind;
        if (kind === "pending") this.arm(component, job);
        if (kind !== "inProgress") continue;
        const isAction = (await this.kindOf(component, job)) === "action";
        const state = isAction
          ? { state: { kind: "failed" }, completedTime: Date.now() }
          : { state: { kind: "pending" } };
        await this.t.run(async () => db.patch("_scheduled_functions", id, state));
        if (!isAction) this.arm(component, { ...job, state: { kind: "pending" } });
      }
    }
  }

  /** Runs `convex/crons.ts`'s jobs at their times, each through `run`. */
  startCrons(crons: unknown, run: RunCron): void {
    const jobs = (
      crons as { crons?: Record<string, { name: string; args: JSONValue[]; schedule: CronSchedule }> } | undefined
    )?.crons;
    for (const [identifier, cron] of Object.entries(jobs ?? {})) {
      const arm = (after: number) =>
        this.timers.add({
          key: `cron\u0000${identifier}`,
          due: nextCronRun(cron.schedule, after),
          run: async () => {
            arm(Date.now());
            const kind = (await this.kindOf("", { name: cron.name } as unknown as Doc)) ?? "mutation";
            const outcome = await run(kind, cron.name, jsonToConvex(cron.args[0] ?? {}) as Record<string, Value>);
            if (!outcome.ok) console.error(`Cron job "${identifier}" failed: ${outcome.errorMessage}`);
          },
        });
      arm(Date.now());
    }
  }

  async stop(): Promise<void> {
    this.closed = true;
    await this.timers.stop();
  }

  private arm(component: string, job: Doc): void {
    this.timers.add({
      key: `${component}\u0000${job._id}`,
      due: job.scheduledTime as number,
      run: () => this.run(component, job._id),
    });
  }

  private async kindOf(component: string, job: Doc): Promise<FunctionKind | null> {
    const target = (job.component as string | undefined) ?? component;
    const { module, name } = parseUdfPath(job.name as string);
    const mod = await this.runtime.global.components[target]?.modules(module).catch(() => undefined);
    const fn = mod?.[name] as Record<string, unknown> | undefined;
    return fn ? kindOfFunction(fn) : null;
  }

  /** Runs one due job; a mutation and its job's state change commit together. */
  private async run(component: string, id: string): Promise<void> {
    const db = this.runtime.db(component);
    const job = db._documents[id];
    if (this.closed || !job || (job.state as { kind: string }).kind !== "pending") return;
    const target = (job.component as string | undefined) ?? component;
    const args = (job.args as Value[])[0];
    const kind = await this.kindOf(component, job);
    const api = this.runtime.caller(null, null) as unknown as Api;
    const setState = (state: Record<string, unknown>) => db.patch("_scheduled_functions", id, state);
    const failed = (error: unknown) => {
      console.error(`Scheduled function ${String(job.name)} failed:`, error);
      return {
        state: { kind: "failed", error: String((error as Error)?.message ?? error) },
        completedTime: Date.now(),
      };
    };
    if (kind === "mutation" && target === component) {
      await api.runInComponent(component, async (ctx: { runMutation(ref: unknown, a: unknown): Promise<unknown> }) => {
        setState({ state: { kind: "inProgress" } });
        try {
          await ctx.runMutation(makeFunctionReference(parseUdfPath(job.name as string).canonical), args);
          setState({ state: { kind: "success" }, completedTime: Date.now() });
        } catch (error) {
          setState(failed(error));
        }
      });
      return;
    }
    await api.runInComponent(component, async () => setState({ state: { kind: "inProgress" } }));
    let final: Record<string, unknown> = { state: { kind: "success" }, completedTime: Date.now() };
    try {
      const functionPath = { componentPath: target, udfPath: parseUdfPath(job.name as string).canonical };
      await (kind === "action" ? api.actionFromPath : api.mutationFromPath)(functionPath, args);
      final.completedTime = Date.now();
    } catch (error) {
      final = failed(error);
    }
    await api.runInComponent(component, async () => setState(final));
  }
}
