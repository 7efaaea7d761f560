/**
 * The local backend's network face: the deployment API (ConvexHttpClient, SvelteKit server
 * loads, admin scripts), the sync WebSocket, file storage, and the site port serving HTTP
 * actions from `convex/http.ts` with their public URLs intact.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { jsonToConvex, type JSONValue, type Value } from "convex/values";
import { WebSocketServer } from "ws";
import { sameSecret } from "../../secrets.ts";
import { TokenVerifier, type AuthConfigLike } from "../auth/auth.ts";
import { updateEnv } from "../config.ts";
import { Deployment, type FunctionKind } from "../runtime/deployment.ts";
import { setEnv } from "../runtime/deployment-env.ts";
import type { Caller } from "../runtime/function-calls.ts";
import { SyncHub, type Authenticator } from "./sync.ts";
import { encodeTs } from "./sync-session.ts";

/** Convex's status code for "the function ran and failed". */
export const STATUS_UDF_FAILED = 560;

export interface BackendOptions {
  functionsDir: string;
  root: string;
  dataDir: string;
  host?: string;
  port: number;
  sitePort: number;
  adminKey: string;
  env: Record<string, string>;
  dev?: boolean;
  /** Public origins, when a proxy fronts the backend. */
  cloudUrl?: string;
  siteUrl?: string;
}

export class Backend {
  private constructor(
    readonly deployment: Deployment,
    private readonly api: Server,
    private readonly site: Server,
    private readonly wss: WebSocketServer,
    readonly cloudUrl: string,
    readonly siteUrl: string,
    private readonly dataDir: string,
  ) {}

  static async start(options: BackendOptions): Promise<Backend> {
    const host = options.host ?? "127.0.0.1";
    const api = createServer();
    const site = createServer();
    const port = await listen(api, options.port, host);
    const sitePort = await listen(site, options.sitePort, host);
    const cloudUrl = options.cloudUrl ?? `http://${host}:${port}`;
    const siteUrl = options.siteUrl ?? `http://${host}:${sitePort}`;
    let deployment: Deployment;
    try {
      deployment = await Deployment.start({ ...options, cloudUrl, siteUrl, uploadSecret: options.adminKey });
    } catch (error) {
      api.close();
      site.close();
      throw error;
    }
    const authConfig = (deployment.project.modules.get("auth.config")?.default as AuthConfigLike | undefined) ?? null;
    const auth = new Authentication(new TokenVerifier(authConfig), options.adminKey);
    const hub = new SyncHub(deployment, auth);
    const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
    api.on("upgrade", (req, socket, head) => {
      if (!/^\/api\/[^/]+\/sync$/.test(new URL(req.url ?? "/", cloudUrl).pathname)) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws));
    });
    const backend = new Backend(deployment, api, site, wss, cloudUrl, siteUrl, options.dataDir);
    api.on(
      "request",
      (req, res) => void backend.handleApi(req, res, auth).catch((e: unknown) => fail(res, 500, String(e))),
    );
    site.on(
      "request",
      (req, res) => void backend.handleSite(req, res, siteUrl).catch((e: unknown) => fail(res, 500, String(e))),
    );
    return backend;
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, auth: Authentication): Promise<void> {
    const url = new URL(req.url ?? "/", this.cloudUrl);
    const route = url.pathname;
    if (req.method === "OPTIONS") return cors(res, 204, "");
    if (route === "/api/query_ts") return json(res, 200, { ts: this.deployment.ts.toString() });
    const kinds: Record<string, FunctionKind | "any"> = {
      "/api/query": "query",
      "/api/query_at_ts": "query",
      "/api/mutation": "mutation",
      "/api/action": "action",
      "/api/function": "any",
    };
    if (req.method === "POST" && route in kinds)
      return this.callFunction(req, res, auth, kinds[route], route === "/api/function");
    if (req.method === "POST" && route === "/api/v1/update_environment_variables")
      return this.updateEnvironment(req, res, auth);
    if (req.method === "POST" && route === "/api/storage/upload") {
      if (!this.deployment.checkUploadToken(url.searchParams.get("token") ?? "")) {
        return json(res, 401, {
          code: "InvalidUploadToken",
          message: "The upload URL is invalid or has expired: ask for a new one with generateUploadUrl()",
        });
      }
      return this.upload(req, res);
    }
    if (req.method === "GET" && route.startsWith("/api/storage/"))
      return this.download(res, decodeURIComponent(route.slice("/api/storage/".length)));
    if (route === "/version" || route === "/instance_version") return cors(res, 200, "local");
    return json(res, 404, { code: "NotFound", message: `No route for ${req.method} ${route}` });
  }

  private async callFunction(
    req: IncomingMessage,
    res: ServerResponse,
    auth: Authentication,
    kind: FunctionKind | "any",
    unwrapped: boolean,
  ): Promise<void> {
    let body: { path?: string; args?: JSONValue; format?: string };
    try {
      body = JSON.parse((await readBody(req)).toString("utf8")) as typeof body;
    } catch {
      return json(res, 400, { code: "BadJsonBody", message: "The request body is not valid JSON" });
    }
    if (typeof body.path !== "string")
      return json(res, 400, { code: "BadRequest", message: "Missing function path: send { path, args, format }" });
    let caller: Caller;
    try {
      caller = await auth.fromHeader(req.headers.authorization);
    } catch (error) {
      return json(res, 401, { code: "Unauthenticated", message: (error as Error).message });
    }
    const rawArgs = unwrapped ? (body.args ?? {}) : ((body.args as JSONValue[] | undefined)?.[0] ?? {});
    const args = jsonToConvex(rawArgs) as Record<string, Value>;
    const outcome = await this.deployment.call(kind, body.path, args, caller);
    if (outcome.ok)
      return json(res, 200, { status: "success", value: outcome.value ?? null, logLines: outcome.logLines });
    const error: Record<string, unknown> = {
      status: "error",
      errorMessage: outcome.errorMessage,
      logLines: outcome.logLines,
    };
    if (outcome.errorData !== undefined) error.errorData = outcome.errorData;
    return json(res, STATUS_UDF_FAILED, error);
  }

  private async updateEnvironment(req: IncomingMessage, res: ServerResponse, auth: Authentication): Promise<void> {
    const caller = await auth.fromHeader(req.headers.authorization).catch(() => null);
    if (caller?.kind !== "admin")
      return json(res, 401, { code: "Unauthenticated", message: "Changing environment variables needs the admin key" });
    try {
      const { changes } = JSON.parse((await readBody(req)).toString("utf8")) as {
        changes: { name: string; value: string | null }[];
      };
      updateEnv(this.dataDir, changes);
      setEnv(changes);
    } catch (error) {
      return json(res, 400, { code: "BadRequest", message: (error as Error).message });
    }
    return json(res, 200, {});
  }

  private async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await readBody(req);
    const type = req.headers["content-type"] ?? "";
    const storageId = await this.deployment.storeFile(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    json(res, 200, { storageId });
  }

  private async download(res: ServerResponse, storageId: string): Promise<void> {
    const file = this.deployment.getFile(storageId);
    if (!file) return json(res, 404, { code: "FileNotFound", message: `File ${storageId} not found` });
    res.writeHead(200, {
      "content-type": file.contentType ?? "application/octet-stream",
      "access-control-allow-origin": "*",
    });
    res.end(Buffer.from(await file.blob.arrayBuffer()));
  }

  private async handleSite(req: IncomingMessage, res: ServerResponse, siteUrl: string): Promise<void> {
    const url = new URL(req.url ?? "/", siteUrl);
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const request = new Request(url, {
      method: req.method,
      headers,
      body: body as Uint8Array<ArrayBuffer> | undefined,
    });
    const response = await this.deployment.httpAction(request);
    const outHeaders: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      outHeaders[name] = name === "set-cookie" ? response.headers.getSetCookie() : value;
    });
    res.writeHead(response.status, outHeaders);
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  get ports(): { port: number; sitePort: number } {
    return { port: (this.api.address() as AddressInfo).port, sitePort: (this.site.address() as AddressInfo).port };
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await Promise.all([closeServer(this.api), closeServer(this.site)]);
    await this.deployment.close();
  }
}

/** Who a request or session acts as: nobody, a verified user, or the admin. */
export class Authentication implements Authenticator {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly adminKey: string,
  ) {}

  private isAdminKey(value: string): boolean {
    return sameSecret(value, this.adminKey);
  }

  async authenticate(message: {
    tokenType: string;
    value?: string;
    impersonating?: Record<string, unknown>;
  }): Promise<Caller> {
    if (message.tokenType === "None") return { kind: "none" };
    if (message.tokenType === "Admin") {
      if (!this.isAdminKey(message.value ?? "")) throw new Error("The admin key is not valid for this deployment");
      return { kind: "admin", identity: message.impersonating };
    }
    const token = message.value ?? "";
    const verified = await this.verifier.verifyToken(token);
    return {
      kind: "user",
      identity: verified.identity as unknown as Record<string, unknown>,
      token,
      expiresAt: verified.expiresAt,
    };
  }

  async fromHeader(header: string | undefined): Promise<Caller> {
    if (!header) return { kind: "none" };
    if (header.startsWith("Bearer ")) return await this.authenticate({ tokenType: "User", value: header.slice(7) });
    if (header.startsWith("Convex ")) {
      const [key, acting] = header.slice(7).split(":");
      const impersonating = acting
        ? (JSON.parse(Buffer.from(acting, "base64").toString("utf8")) as Record<string, unknown>)
        : undefined;
      return await this.authenticate({ tokenType: "Admin", value: key, impersonating });
    }
    throw new Error("The Authorization header must be `Bearer <token>` or `Convex <admin key>`");
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function cors(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "content-type, authorization, convex-client",
    "access-control-allow-methods": "GET, POST, OPTIONS",
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "access-control-allow-origin": "*" });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, message: string): void {
  if (!res.headersSent) json(res, status, { code: "InternalServerError", message });
  else res.end();
}

export { encodeTs };
