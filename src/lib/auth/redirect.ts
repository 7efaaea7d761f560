import type { PathnameWithSearchOrHash } from "$app/types";

/** Where to go after signing in: only same-origin paths, so `redirectTo` cannot send people elsewhere. */
export const DEFAULT_AFTER_SIGN_IN = "/campaigns";

/**
 * `target` when it is a path on this site, else the default. The result is typed as one of the app's
 * paths for `resolve()`; a path that matches no page still lands on SvelteKit's 404 page.
 */
export function safeRedirect(target: string | null | undefined): PathnameWithSearchOrHash {
  if (!target || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  // Control characters could smuggle a different origin past the checks above.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(target)) return DEFAULT_AFTER_SIGN_IN;
  if (target === "/signin" || target.startsWith("/signin?") || target.startsWith("/signin/")) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  return target as PathnameWithSearchOrHash;
}

/** The sign-in URL that brings the person back to `path` (pathname + search) afterwards. */
export function signInUrl(path: string): `/signin?redirectTo=${string}` {
  return `/signin?redirectTo=${encodeURIComponent(safeRedirect(path))}`;
}
