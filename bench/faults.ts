/**
 * `npm run bench -- faults`: Parley under the failures a deployment meets, on the real stack
 * (local backend and Twilio simulator as child processes; checks at the simulator, which is what
 * the contacts' phones got, and in the backend's durable log).
 *
 * 1. kill: the backend is killed with SIGKILL in the middle of a campaign send while contacts
 *    keep texting in, then started again on the same data. Sending resumes; every contact gets
 *    exactly one copy (messages per recipient at the simulator); every inbound text is stored
 *    exactly once.
 * 2. outage: the simulator (Twilio) is stopped for 30 s in the middle of a send and started again
 *    with its state. The sends retry and complete, each contact exactly once.
 * 3. replay: a campaign sent with every status callback duplicated and reordered (the simulator's
 *    faults: `sent` held until after the final status), its inbound texts delivered three times
 *    in a shuffled order, then every status callback and inbound webhook replayed again (signed,
 *    shuffled, concurrent). Each message row must equal what one clean delivery gives — the
 *    simulator's final status and error, one inbound row per text — and the replay must change
 *    no row.
 *
 * The simulator retries webhooks and callbacks 8 times here (1 s doubling): Twilio retries inbound
 * webhooks only to a fallback URL and status callbacks not at all, so an outage longer than that
 * loses them at Twilio; the drill checks what Parley does with what reaches it.
 */
import { api } from "../convex/_generated/api";
import { INBOUND_WEBHOOK_PATH, STATUS_WEBHOOK_PATH } from "../convex/model/sending/twilioConfig.ts";
import { twilioSignature } from "../convex/model/sending/twilioSignature.ts";
import {
  ADMISSIONS,
  daytimePhones,
  FINANCIAL_AID,
  launchCampaign,
  logger,
  outboundPerRecipient,
  pause,
  startDrillStack,
  storedTables,
  unfinishedSends,
  until,
  type Campaign,
  type DrillStack,
  type SimMessage,
  type StoredDoc,
} from "./drill-kit.ts";

const FINISH_TIMEOUT = 6 * 60_000;
const log = logger("faults");

/** Texts `prefix <n>` from the contacts, every `everyMs`, until stopped; returns the bodies posted. */
function textIn(stack: DrillStack, phones: string[], to: string, prefix: string, everyMs: number) {
  const bodies: string[] = [];
  let running = true;
  const done = (async () => {
    for (let n = 0; running; n++) {
      const body = `${prefix} ${n}`;
      try {
        await stack.sim("/sim/inbound", { from: phones[n % phones.length], to, body });
        bodies.push(body);
      } catch {
        // the simulator itself is down (outage drill): that text never reached Twilio
      }
      await pause(everyMs);
    }
  })();
  return {
    bodies,
    async stop() {
      running = false;
      await done;
    },
  };
}

/** How many stored inbound messages have each body. */
async function storedInbound(stack: DrillStack, bodies: string[]): Promise<{ lost: number; duplicated: number }> {
  const counts = new Map(bodies.map((b) => [b, 0]));
  for (const m of (await storedTables(stack.dataDir)).get("messages") ?? [])
    if (m.direction === "inbound" && counts.has(String(m.body)))
      counts.set(String(m.body), counts.get(String(m.body))! + 1);
  const values = [...counts.values()];
  return { lost: values.filter((c) => c === 0).length, duplicated: values.filter((c) => c > 1).length };
}

/**
 * Waits until every text of this campaign is final in Parley and the number has nothing unfinished.
 * Counted per campaign: the number's earlier campaigns' final texts must not make a send that
 * hasn't fanned out yet look finished.
 */
async function finished(stack: DrillStack, campaign: Campaign): Promise<boolean> {
  const operator = stack.operator();
  return await until(
    async () => {
      if ((await unfinishedSends(operator, campaign.numberId).catch(() => 1)) > 0) return false;
      const rows = (await storedTables(stack.dataDir)).get("messages") ?? [];
      const final = rows.filter(
        (m) =>
          m.campaignId === campaign.campaignId &&
          m.direction === "outbound" &&
          ["delivered", "undelivered", "failed"].includes(String(m.status)),
      );
      return final.length >= campaign.phones.length;
    },
    FINISH_TIMEOUT,
    1000,
  );
}

async function copies(stack: DrillStack, campaign: Campaign, from: string) {
  const perRecipient = outboundPerRecipient(await stack.sim<SimMessage[]>("/sim/messages"), from);
  return {
    duplicates: campaign.phones.filter((p) => (perRecipient.get(p) ?? 0) > 1).length,
    missing: campaign.phones.filter((p) => (perRecipient.get(p) ?? 0) === 0).length,
  };
}

async function sentAtSimulator(stack: DrillStack, from: string): Promise<number> {
  const messages = await stack.sim<SimMessage[]>("/sim/messages");
  return messages.filter((m) => m.direction === "outbound-api" && m.from === from).length;
}

async function killDrill(stack: DrillStack) {
  const campaign = await launchCampaign(stack, {
    ...{ e164: ADMISSIONS, phones: daytimePhones(400, 10_000), title: "Kill drill", ratePerSecond: 40 },
  });
  const texts = textIn(stack, campaign.phones, ADMISSIONS, "kill", 100);
  await until(async () => (await sentAtSimulator(stack, ADMISSIONS)) >= 120, 120_000, 200);
  const sentBeforeKill = await sentAtSimulator(stack, ADMISSIONS);
  log(`SIGKILL the backend after ${sentBeforeKill} of 400 sends`);
  const t0 = Date.now();
  await stack.restartBackend("kill", async () => void (await pause(3000)));
  const restartS = (Date.now() - t0) / 1000;
  log(`backend back after ${restartS.toFixed(1)} s; waiting for the send to finish`);
  const done = await finished(stack, campaign);
  await texts.stop();
  const resumeS = (Date.now() - t0) / 1000;
  await until(async () => (await storedInbound(stack, texts.bodies)).lost === 0, 60_000, 1000);
  const inbound = await storedInbound(stack, texts.bodies);
  const { duplicates, missing } = await copies(stack, campaign, ADMISSIONS);
  log(`kill: finished ${done} in ${resumeS.toFixed(1)} s, ${duplicates} duplicates, ${missing} missing`);
  return {
    kill_sent_before_kill: sentBeforeKill,
    kill_restart_s: Math.round(restartS * 10) / 10,
    kill_all_final: done,
    kill_to_all_final_s: Math.round(resumeS * 10) / 10,
    kill_duplicate_sends: duplicates,
    kill_missing_sends: missing,
    kill_inbound_posted: texts.bodies.length,
    kill_inbound_lost: inbound.lost,
    kill_inbound_duplicated: inbound.duplicated,
    campaign,
  };
}

async function outageDrill(stack: DrillStack) {
  const campaign = await launchCampaign(stack, {
    ...{ e164: FINANCIAL_AID, phones: daytimePhones(300, 20_000), title: "Outage drill", ratePerSecond: 30 },
  });
  await until(async () => (await sentAtSimulator(stack, FINANCIAL_AID)) >= 60, 120_000, 200);
  const sentBefore = await sentAtSimulator(stack, FINANCIAL_AID);
  log(`stopping the simulator for 30 s after ${sentBefore} of 300 sends`);
  const t0 = Date.now();
  await stack.stopSimulator();
  await pause(30_000);
  await stack.startSimulator();
  log("simulator back; waiting for the send to finish");
  const done = await finished(stack, campaign);
  const { duplicates, missing } = await copies(stack, campaign, FINANCIAL_AID);
  log(`outage: finished ${done}, ${duplicates} duplicates, ${missing} missing`);
  return {
    outage_sent_before: sentBefore,
    outage_all_final: done,
    outage_to_all_final_s: Math.round((Date.now() - t0) / 100) / 10,
    outage_duplicate_sends: duplicates,
    outage_missing_sends: missing,
  };
}

function shuffle<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Posts a webhook signed with the account's auth token, as Twilio would. */
async function postSigned(stack: DrillStack, path: string, params: Record<string, string>): Promise<number> {
  const url = `${stack.backend.siteUrl}${path}`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": await twilioSignature(stack.simulator.authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Every delivery Twilio would make for these messages: inbound webhooks and each status callback. */
function deliveries(stack: DrillStack, messages: SimMessage[]): [string, Record<string, string>][] {
  const out: [string, Record<string, string>][] = [];
  const base = { AccountSid: stack.simulator.accountSid, ApiVersion: "2010-04-01" };
  for (const m of messages) {
    if (m.direction === "inbound") {
      const params = { ...base, MessageSid: m.sid, SmsSid: m.sid, SmsMessageSid: m.sid, From: m.from, To: m.to };
      out.push([
        INBOUND_WEBHOOK_PATH,
        { ...params, Body: m.body, NumSegments: "1", NumMedia: "0", SmsStatus: "received" },
      ]);
      continue;
    }
    const history = (m as SimMessage & { history: { status: string; errorCode: number | null }[] }).history;
    for (const h of history.filter((x) => x.status !== "queued")) {
      const params = { ...base, MessageSid: m.sid, SmsSid: m.sid, From: m.from, To: m.to };
      const error: Record<string, string> = h.errorCode === null ? {} : { ErrorCode: String(h.errorCode) };
      out.push([STATUS_WEBHOOK_PATH, { ...params, MessageStatus: h.status, SmsStatus: h.status, ...error }]);
    }
  }
  return out;
}

const rowsOf = async (stack: DrillStack, campaign: Campaign) =>
  new Map(
    ((await storedTables(stack.dataDir)).get("messages") ?? [])
      .filter((m) => m.campaignId === campaign.campaignId)
      .map((m) => [m._id, JSON.stringify(m)]),
  );

async function replayDrill(stack: DrillStack, killed: Campaign) {
  await (await stack.signIn("sam@parley.test")).mutation(api.campaigns.end, { campaignId: killed.campaignId });
  await stack.sim("/sim/faults", { duplicateCallbackRate: 1, reorderCallbackRate: 1 });
  const phones = daytimePhones(100, 30_000);
  for (const [i, kind] of ["landline", "unknown", "filtered"].entries())
    await stack.sim("/sim/rules", { number: phones[i * 10 + 3], kind });
  const campaign = await launchCampaign(stack, { e164: ADMISSIONS, phones, title: "Replay drill", ratePerSecond: 50 });
  const done = await finished(stack, campaign);
  const inbound = await Promise.all(
    phones.map((from, i) => stack.sim<{ sid: string }>("/sim/inbound", { from, to: ADMISSIONS, body: `replay ${i}` })),
  );
  const sids = new Set(inbound.map((r) => r.sid));
  await stack.sim("/sim/faults", {}, "DELETE");
  const messages = (await stack.sim<SimMessage[]>("/sim/messages")).filter(
    (m) => sids.has(m.sid) || (m.direction === "outbound-api" && m.from === ADMISSIONS && phones.includes(m.to)),
  );
  // Each inbound text twice more, shuffled among each other and concurrently.
  const inboundTwice = deliveries(stack, messages).filter(([p]) => p === INBOUND_WEBHOOK_PATH);
  await Promise.all(shuffle([...inboundTwice, ...inboundTwice]).map(([p, params]) => postSigned(stack, p, params)));
  await until(
    async () =>
      (
        await storedInbound(
          stack,
          phones.map((_, i) => `replay ${i}`),
        )
      ).lost === 0,
    60_000,
    500,
  );
  await pause(1000);
  const before = await rowsOf(stack, campaign);
  // The truth of one clean delivery: the simulator's final status and error per recipient, one inbound row per text.
  const truth = new Map(messages.filter((m) => m.direction !== "inbound").map((m) => [m.to, m]));
  let wrong = 0;
  const inboundRows = new Map<string, number>();
  for (const json of before.values()) {
    const row = JSON.parse(json) as StoredDoc;
    if (row.direction === "inbound") inboundRows.set(String(row.body), (inboundRows.get(String(row.body)) ?? 0) + 1);
    else {
      const sim = truth.get(String(row.to));
      if (!sim || sim.status !== row.status || (sim.errorCode ?? undefined) !== row.errorCode) {
        if (wrong < 3) log(`  unlike the simulator's ${sim?.status}/${sim?.errorCode}: ${json}`);
        wrong += 1;
      }
    }
  }
  wrong += phones.filter((_, i) => inboundRows.get(`replay ${i}`) !== 1).length;
  // Replay everything, twice, shuffled: stale statuses after final ones, duplicates racing each other.
  const all = deliveries(stack, messages);
  const answers = await Promise.all(shuffle([...all, ...all], 11).map(([p, params]) => postSigned(stack, p, params)));
  await pause(1000);
  const after = await rowsOf(stack, campaign);
  const differing = [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id));
  log(`replay: ${wrong} rows unlike one clean delivery, ${differing.length} changed by the replay`);
  for (const id of differing.slice(0, 3))
    log(`  changed: ${before.get(id) ?? "(none)"}\n       → ${after.get(id) ?? "(none)"}`);
  return {
    replay_all_final: done,
    replay_outbound_rows: [...before.values()].filter((j) => !j.includes('"direction":"inbound"')).length,
    replay_inbound_rows: [...inboundRows.values()].reduce((a, b) => a + b, 0),
    replay_rows_unlike_clean: wrong,
    replay_deliveries_replayed: answers.length,
    replay_non_2xx_answers: answers.filter((s) => s < 200 || s >= 300).length,
    replay_rows_differing: differing.length,
  };
}

export async function benchFaults(): Promise<Record<string, unknown>> {
  const stack = await startDrillStack();
  try {
    await stack.sim("/sim/config", { webhookRetries: 8, callbackRetries: 8, retryBackoffMs: 1000 });
    const { campaign, ...kill } = await killDrill(stack);
    const outage = await outageDrill(stack);
    const replay = await replayDrill(stack, campaign);
    const figures = { ...kill, ...outage, ...replay };
    return {
      ...figures,
      pass:
        kill.kill_all_final &&
        outage.outage_all_final &&
        replay.replay_all_final &&
        kill.kill_inbound_duplicated === 0 &&
        replay.replay_rows_unlike_clean === 0 &&
        replay.replay_non_2xx_answers === 0,
    };
  } finally {
    await stack.stop();
  }
}
