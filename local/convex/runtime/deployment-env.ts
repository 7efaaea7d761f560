/** The deployment's environment variables, which functions read from `process.env`. */
/** Functions read the deployment's variables from `process.env`, set before any module loads. */
export function applyEnv(options: { env: Record<string, string>; cloudUrl: string; siteUrl: string }): void {
  Object.assign(process.env, options.env, { CONVEX_CLOUD_URL: options.cloudUrl, CONVEX_SITE_URL: options.siteUrl });
}

/**
 * Leaves in `process.env` only what Node needs, so functions see the deployment's variables and
 * not the shell's (a real deployment has only its own). For the backend's own process.
 */
export function scrubProcessEnv(): void {
  const keep = new Set(["PATH", "HOME", "TMPDIR", "NODE_ENV", "NODE_OPTIONS", "TZ", "LANG"]);
  for (const key of Object.keys(process.env)) if (!keep.has(key)) delete process.env[key];
}

/** Sets or removes deployment variables while running. */
export function setEnv(changes: { name: string; value: string | null }[]): void {
  for (const { name, value } of changes) {
    if (value === null) delete process.env[name];
    else process.env[name] = value;
  }
}
