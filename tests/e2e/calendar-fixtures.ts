/**
 * Scheduled campaigns for the calendar's browser tests, made through the backend as the demo
 * people would make them. Every title carries the run's `suffix`. Campaigns share one reusable
 * number per office (provisioned by the admin for the run at the Twilio simulator): scheduled
 * campaigns may share a number, only an active one holds it.
 */
import type { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api.js";
import type { Id } from "../../convex/_generated/dataModel.js";
import { localDate, zonedInstant } from "../../convex/model/shared/timeZones.ts";
import { daytimePhone } from "./campaign-fixtures.ts";
import { backendAs, DEMO } from "./helpers.ts";

type OfficeId = Id<"offices">;
type Office = "Admissions" | "Financial Aid" | "Advising";

/** "YYYY-MM-DD" `days` after `date`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export type Setup = { officeId: OfficeId; listId: Id<"contactLists">; numberId: Id<"phoneNumbers">; e164: string };

/** An office's list (one contact) and a reusable number, for its scheduled campaigns. */
export async function officeSetup(as: ConvexHttpClient, admin: ConvexHttpClient, office: Office, suffix: string) {
  const officeId = (await admin.query(api.viewer.get, {}))?.offices.find((o) => o.name === office)?._id as OfficeId;
  const listId = await as.mutation(api.contactLists.create, {
    officeId,
    name: `${office} cal list ${suffix}`,
    tags: [],
    columns: [],
  });
  await as.mutation(api.contactLists.appendBatch, {
    listId,
    batchIndex: 0,
    entries: [{ row: 2, firstName: "Cal", lastName: "Endar", phone: daytimePhone(), fields: {} }],
  });
  await as.mutation(api.contactLists.finish, { listId });
  for (const areaCode of ["206", "303", "404", "512", "617", "702", "801", "971"]) {
    const found = await admin.action(api.numbers.searchAvailable, { areaCode, kind: "reusable" });
    for (const candidate of found.sort(() => Math.random() - 0.5)) {
      try {
        const numberId = await admin.action(api.numbers.provisionReusable, {
          officeId,
          phoneNumber: candidate.phoneNumber,
          name: `Calendar line ${suffix}`,
          description: "Made by the calendar browser tests.",
          unsolicited: { handledBy: "agent", inboxes: { userIds: [], officeIds: [officeId] } },
        });
        return { officeId, listId, numberId, e164: candidate.phoneNumber } satisfies Setup;
      } catch {
        // Taken meanwhile by another test: try the next.
      }
    }
  }
  throw new Error("No reusable number could be provisioned at the simulator");
}

/** A campaign scheduled at `time` on `date` in `timeZone`. */
export async function scheduled(
  as: ConvexHttpClient,
  setup: Setup,
  title: string,
  at: { date: string; time: string; timeZone: string },
  tags: string[] = [],
): Promise<Id<"campaigns">> {
  const campaignId = await as.mutation(api.campaigns.create, {
    officeId: setup.officeId,
    timeZone: at.timeZone,
    title,
    tags,
    listId: setup.listId,
    message: "Hi {firstName}, see you soon.",
    numberId: setup.numberId,
  });
  const scheduledAt = zonedInstant(at.date, at.time, at.timeZone);
  await as.mutation(api.campaigns.schedule, { campaignId, scheduledAt, timeZone: at.timeZone });
  return campaignId;
}

export type CalendarFixtures = Awaited<ReturnType<typeof calendarFixtures>>;

/**
 * D is 12 days ahead (New York), clear of the other specs' campaigns (3 days ahead) and inside
 * the local backend's timer range. "Late New York" launches at 23:30 on D in New York and "Tokyo
 * Morning" at 08:00 on D+1 in Tokyo (23:00 UTC on D): both on D for a Chicago viewer, both on D+1
 * for a Tokyo viewer. "Aid Other Office" (Financial Aid, 12:00) and "Advising Own" (Advising, 13:00) are on D+2,
 * "Move Me" and "Table Row" (Admissions) on D+3. "Tokyo Morning" alone has the tag `tag`.
 */
export async function calendarFixtures() {
  const suffix = `c${Date.now().toString(36)}`;
  const [admin, sam] = [await backendAs(DEMO.admin), await backendAs(DEMO.sam)];
  const D = addDays(localDate(Date.now(), "America/New_York"), 12);
  const admissions = await officeSetup(sam, admin, "Admissions", suffix);
  const aid = await officeSetup(sam, admin, "Financial Aid", suffix);
  const advising = await officeSetup(admin, admin, "Advising", suffix);
  const t = (name: string) => `${name} ${suffix}`;
  const tag = `cal-${suffix}`;
  const ny = "America/New_York";
  const ids = {
    lateNy: await scheduled(sam, admissions, t("Late New York"), { date: D, time: "23:30", timeZone: ny }),
    tokyo: await scheduled(
      sam,
      admissions,
      t("Tokyo Morning"),
      {
        date: addDays(D, 1),
        time: "08:00",
        timeZone: "Asia/Tokyo",
      },
      [tag],
    ),
    aid: await scheduled(sam, aid, t("Aid Other Office"), { date: addDays(D, 2), time: "12:00", timeZone: ny }),
    advising: await scheduled(admin, advising, t("Advising Own"), { date: addDays(D, 2), time: "13:00", timeZone: ny }),
    moveMe: await scheduled(sam, admissions, t("Move Me"), { date: addDays(D, 3), time: "09:00", timeZone: ny }),
    tableRow: await scheduled(sam, admissions, t("Table Row"), { date: addDays(D, 3), time: "14:00", timeZone: ny }),
  };
  return { suffix, D, ids, t, tag, admissions, sam };
}
