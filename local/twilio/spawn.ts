/**
 * Starts the Twilio simulator as a child process, exactly as `npm run twilio` does, and tells
 * when it is ready. For `npm start` and tests that want it out of process (in-process tests use
 * startSimulator from server.ts).
 */
import { startChild, type ChildService } from "../child.ts";
import { DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN } from "./server.ts";

export interface SimulatorProcess extends ChildService {
  accountSid: string;
  authToken: string;
}

export interface SpawnSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  accountSid?: string;
  authToken?: string;
  /** Keep the state in this JSON file across restarts. */
  dataFile?: string;
  seed?: number;
  /** Copy the simulator's output to this stream as it comes. */
  echo?: NodeJS.WritableStream;
}

export async function spawnSimulator(options: SpawnSimulatorOptions = {}): Promise<SimulatorProcess> {
  const accountSid = options.accountSid ?? DEFAULT_ACCOUNT_SID;
  const authToken = options.authToken ?? DEFAULT_AUTH_TOKEN;
  const args = ["--port", String(options.port ?? 0), "--account-sid", accountSid, "--auth-token", authToken];
  if (options.dataFile) args.push("--data", options.dataFile);
  if (options.seed !== undefined) args.push("--seed", String(options.seed));
  const service = await startChild(
    "The Twilio simulator",
    "local/twilio/main.ts",
    args,
    /Twilio simulator ready at (\S+)/,
    options.echo,
  );
  return { ...service, accountSid, authToken };
}
