/**
 * The page's side of the import worker: `parse(file)` then `prepare(mapping, allowedCountries)`,
 * each a promise, with progress callbacks. One request at a time.
 */
import type { ColumnMapping, ImportResult } from "../../../convex/model/shared/contactImport";
import type { ImportWorkerRequest, ImportWorkerResponse, ParsedFile } from "./worker-protocol";

export type WorkerProgress = Extract<ImportWorkerResponse, { type: "progress" }>;

export class ImportWorker {
  private readonly worker: Worker;
  private pending: {
    resolve: (response: ImportWorkerResponse) => void;
    reject: (error: Error) => void;
    onProgress?: (p: WorkerProgress) => void;
  } | null = null;

  constructor(worker?: Worker) {
    this.worker = worker ?? new Worker(new URL("./parse.worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (event: MessageEvent<ImportWorkerResponse>) => {
      const message = event.data;
      if (message.type === "progress") return this.pending?.onProgress?.(message);
      const pending = this.pending;
      this.pending = null;
      if (message.type === "error") pending?.reject(new Error(message.message));
      else pending?.resolve(message);
    };
    this.worker.onerror = (event) => {
      this.pending?.reject(new Error(event.message || "The file could not be read."));
      this.pending = null;
    };
  }

  private request(message: ImportWorkerRequest, onProgress?: (p: WorkerProgress) => void) {
    if (this.pending) return Promise.reject(new Error("The import is busy with another step."));
    return new Promise<ImportWorkerResponse>((resolve, reject) => {
      this.pending = { resolve, reject, onProgress };
      this.worker.postMessage(message);
    });
  }

  async parse(file: Blob, onProgress?: (p: WorkerProgress) => void): Promise<ParsedFile> {
    const response = await this.request({ type: "parse", file }, onProgress);
    if (response.type !== "parsed") throw new Error("The import worker answered out of turn.");
    return response.file;
  }

  async prepare(
    mapping: ColumnMapping,
    allowedCountries: string[],
    onProgress?: (p: WorkerProgress) => void,
  ): Promise<ImportResult> {
    const response = await this.request({ type: "prepare", mapping, allowedCountries }, onProgress);
    if (response.type !== "prepared") throw new Error("The import worker answered out of turn.");
    return response.result;
  }

  terminate(): void {
    this.worker.terminate();
    this.pending?.reject(new Error("The import was closed."));
    this.pending = null;
  }
}
