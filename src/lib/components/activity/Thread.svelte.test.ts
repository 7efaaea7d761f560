import { render, screen } from "@testing-library/svelte";
import { ConvexError } from "convex/values";
import { beforeEach, expect, it, vi } from "vitest";
import type { Id } from "$convex/_generated/dataModel";
import type { PendingSend } from "$lib/state/composer-drafts.svelte";
import Thread from "./Thread.svelte";

/** The thread's paginated query, as the test sets it (convex-svelte's live state stands in). */
const query = vi.hoisted(() => ({
  results: [] as unknown[],
  status: "LoadingFirstPage",
  isLoading: true,
  error: undefined as Error | undefined,
  loadMore: () => false,
}));
vi.mock("convex-svelte", () => ({ usePaginatedQuery: () => query }));

const conversationId = "c1" as Id<"conversations">;
const pending: PendingSend[] = [{ localId: "p1", body: "Can we talk tomorrow?", at: Date.UTC(2026, 2, 2, 15) }];

beforeEach(() => {
  Object.assign(query, { results: [], status: "LoadingFirstPage", isLoading: true, error: undefined });
});

it("a text sent while the thread is still loading shows at once, as pending", () => {
  render(Thread, { props: { conversationId, pending } });
  expect(screen.getByRole("status")).toHaveTextContent("Loading messages…");
  expect(screen.getByRole("listitem")).toHaveTextContent("Can we talk tomorrow?");
  expect(screen.queryByText("No messages yet.")).toBeNull();
});

it("while loading with nothing pending, only the loading line shows", () => {
  render(Thread, { props: { conversationId, pending: [] } });
  expect(screen.getByRole("status")).toHaveTextContent("Loading messages…");
  expect(screen.queryByRole("listitem")).toBeNull();
});

it("a thread that failed to load says why, and still shows the text being sent", () => {
  query.error = new ConvexError({ code: "NOT_FOUND", message: "This conversation no longer exists." });
  render(Thread, { props: { conversationId, pending } });
  expect(screen.getByRole("alert")).toHaveTextContent("This conversation no longer exists.");
  expect(screen.getByRole("listitem")).toHaveTextContent("Can we talk tomorrow?");
});
