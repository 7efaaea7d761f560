/**
 * `npm run bench -- import`: a 100,000-row contact CSV imported end to end, as the browser does
 * it — the same parse (`src/lib/import/csv.ts`), checks (`convex/model/shared/contactImport.ts`) and
 * uploader (`src/lib/import/uploader.ts`) — into the project's own `convex/` functions on the
 * local backend, signed in as the demo Standard user. The CSV is generated deterministically
 * with ~1% invalid phones, ~1% repeated phones, quoted commas and a quoted newline now and then.
 * Passes when the whole import takes at most 60 s.
 */
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { prepareImport, suggestMapping } from "../convex/model/shared/contactImport.ts";
import { mulberry32 } from "../local/random.ts";
import { ROOT, startBackend, tempDataDir } from "../local/convex/testing.ts";
import { ensureAuthEnv, seedDemo } from "../scripts/stack.ts";
import { parseCsvBytes } from "../src/lib/import/csv.ts";
import { ListUploader, planBatches, type MutationClient } from "../src/lib/import/uploader.ts";

const ROWS = 100_000;
const AREAS = ["201", "212", "213", "305", "312", "404", "415", "503", "617", "702", "713", "206", "604", "416"];
const PROGRAMS = ["Nursing", "Biology", "Business, Finance", "Computer Science", "History", "Art"];

/** The benchmark's CSV: same bytes on every run. */
export function generateContactsCsv(rows = ROWS, seed = 20261129): Uint8Array {
  const random = mulberry32(seed);
  const phones: string[] = [];
  const lines = ["First Name,Last Name,Mobile Phone,Email,Program,Notes"];
  for (let i = 0; i < rows; i++) {
    const roll = random();
    const area = AREAS[i % AREAS.length];
    const rest = Math.floor(i / AREAS.length);
    let phone = `(${area}) ${234 + Math.floor(rest / 10000)}-${String(rest % 10000).padStart(4, "0")}`;
    if (roll < 0.01) phone = ["555-0100", "call me", "", "415-555-01O0"][i % 4];
    else if (roll < 0.02 && phones.length > 0) phone = phones[Math.floor(random() * phones.length)];
    else phones.push(phone);
    const program = PROGRAMS[i % PROGRAMS.length];
    const notes = i % 500 === 0 ? '"Prefers texts\nafter 5pm"' : i % 7 === 0 ? '"Met at fair, spring"' : "";
    lines.push(`First${i},Last${i},${phone},person${i}@example.edu,"${program}",${notes}`);
  }
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;

/** A signed-in HTTP client for a demo user, and that user's first office. */
async function signIn(url: string, email: string, password: string) {
  const client = new ConvexHttpClient(url);
  const { tokens } = (await client.action(api.auth.signIn, {
    provider: "password",
    params: { email, password, flow: "signIn" },
  })) as { tokens: { token: string } | null };
  if (!tokens) throw new Error(`Could not sign in as ${email}`);
  client.setAuth(tokens.token);
  const viewer = await client.query(api.viewer.get, {});
  if (!viewer) throw new Error(`${email} has no role`);
  return { client, officeId: viewer.offices[0]._id };
}

export async function benchImport(): Promise<Record<string, unknown>> {
  const bytes = generateContactsCsv();
  const dataDir = tempDataDir();
  await ensureAuthEnv(dataDir, "http://127.0.0.1:5173");
  const backend = await startBackend({ dataDir, functions: path.join(ROOT, "convex") });
  try {
    const { users } = await seedDemo(backend.url, backend.adminKey);
    const sam = users.find((u) => u.email === "sam@parley.test") ?? users[0];
    const { client, officeId } = await signIn(backend.url, sam.email, sam.password);
    const { allowedCountries } = await client.query(api.contactLists.importSettings, {});
    const t0 = performance.now();
    const table = parseCsvBytes(bytes);
    const prepared = prepareImport(table, suggestMapping(table)!, { allowedCountries });
    const t1 = performance.now();
    const mutations: MutationClient = { mutation: (ref, args) => client.mutation(ref, args) };
    const listId = await new ListUploader(mutations).upload(prepared, { officeId, name: "Benchmark 100k", tags: [] });
    const t2 = performance.now();
    const list = await client.query(api.contactLists.get, { listId });
    const total = seconds(t2 - t0);
    const stored =
      list?.status === "ready" &&
      list.contactCount === prepared.accepted.length &&
      list.rejectedCount === prepared.rejected.length &&
      list.duplicateCount === prepared.duplicates;
    return {
      rows: prepared.rows,
      accepted: prepared.accepted.length,
      duplicates: prepared.duplicates,
      rejected: prepared.rejected.length,
      csv_mb: Math.round(bytes.length / 1e4) / 100,
      batches: planBatches(prepared.accepted).length,
      parse_s: seconds(t1 - t0),
      upload_s: seconds(t2 - t1),
      total_s: total,
      rows_per_s: Math.round(prepared.rows / total),
      stored,
      pass: stored && total <= 60,
    };
  } finally {
    await backend.stop();
  }
}
