/** Words for the import's progress, phase by phase (the worker's and the uploader's). */
import type { UploadProgress } from "$lib/import/uploader";
import type { WorkerProgress } from "$lib/import/import-worker";

export function workerLabel(p: WorkerProgress): string {
  return p.phase === "reading"
    ? "Reading the file…"
    : p.phase === "parsing"
      ? "Reading the rows…"
      : "Checking the phone numbers…";
}

export function uploadLabel(p: UploadProgress): string {
  switch (p.phase) {
    case "creating":
      return "Creating the list…";
    case "contacts":
      return `Uploading contacts: ${p.rowsDone.toLocaleString("en-US")} of ${p.rows.toLocaleString("en-US")}`;
    case "rejections":
      return "Saving the rejected-rows report…";
    case "finishing":
      return "Finishing…";
    default:
      return "Done";
  }
}

/** "240 contacts imported, 3 duplicates merged, 2 rows rejected". */
export function importSummary(counts: { accepted: number; duplicates: number; rejected: number }): string {
  const n = (count: number, one: string, many: string) =>
    `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
  return [
    n(counts.accepted, "contact imported", "contacts imported"),
    n(counts.duplicates, "duplicate merged", "duplicates merged"),
    n(counts.rejected, "row rejected", "rows rejected"),
  ].join(", ");
}

/** A list name from a file name: "Spring admits.csv" → "Spring admits". */
export function nameFromFile(fileName: string): string {
  return (
    fileName
      .replace(/\.(csv|txt|tsv)$/i, "")
      .trim()
      .slice(0, 120) || "New list"
  );
}
