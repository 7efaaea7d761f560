/**
 * The Web Worker that reads and checks a contact CSV off the main thread. Create it with
 * `new Worker(new URL("./parse.worker.ts", import.meta.url), { type: "module" })` — or use
 * `ImportWorker` from `./import-worker`. Protocol in `./worker-protocol`.
 */
import { importWorkerHandler, type ImportWorkerRequest } from "./worker-protocol";

/** The parts of the worker's global scope used here (the "webworker" lib clashes with the app's "DOM" lib). */
type WorkerScope = {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
};
const scope = self as unknown as WorkerScope;
const handle = importWorkerHandler((message) => scope.postMessage(message));
scope.onmessage = (event: MessageEvent<ImportWorkerRequest>) => void handle(event.data);
