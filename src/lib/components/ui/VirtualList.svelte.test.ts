import { fireEvent, render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import VirtualList from "./VirtualList.svelte";

const ROW = 40;
const VIEWPORT = 400;

// jsdom lays nothing out: the list's viewport is given a height (bind:clientHeight reads it once
// the ResizeObserver is there) and scrolling is done by setting scrollTop and firing `scroll`.
beforeEach(() => {
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
    return this.dataset.testid === "list" ? VIEWPORT : 0;
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const row = createRawSnippet((item: () => string) => ({ render: () => `<span>${item()}</span>` }));
const footer = createRawSnippet(() => ({ render: () => `<p>Loading more…</p>` }));
const rows = (count: number) => Array.from({ length: count }, (_, i) => `Row ${i}`);

function renderList(items: string[], onNearEnd = vi.fn()) {
  render(VirtualList<string>, {
    items,
    rowHeight: ROW,
    row,
    key: (item) => item,
    label: "Conversations",
    onNearEnd,
    footer,
    "data-testid": "list",
  });
  return { onNearEnd, viewport: screen.getByTestId("list") };
}

function scrollTo(viewport: HTMLElement, top: number) {
  Object.defineProperty(viewport, "scrollTop", { value: top, configurable: true });
  return fireEvent.scroll(viewport);
}

const shown = () => screen.getAllByRole("listitem").map((item) => item.textContent);

describe("VirtualList", () => {
  it("renders only the rows in view and a few either side, out of 10,000", () => {
    renderList(rows(10_000));

    // 10 rows fill the view (and one more for a part row), plus 8 below.
    expect(shown()).toEqual(rows(19));
    expect(screen.getByRole("list", { name: "Conversations" })).toBeInTheDocument();
    expect(screen.getAllByRole("listitem")[0]).toHaveAttribute("aria-setsize", "10000");
  });

  it("follows the scroll, and a screen reader still hears each row's place", async () => {
    const { viewport } = renderList(rows(10_000));

    await scrollTo(viewport, 5_000 * ROW);

    expect(shown()).toContain("Row 5000");
    expect(shown()).not.toContain("Row 0");
    expect(shown().length).toBeLessThan(30);
    const first = screen.getAllByRole("listitem")[0];
    expect(first).toHaveTextContent("Row 4992");
    expect(first).toHaveAttribute("aria-posinset", "4993");
  });

  it("asks for more rows only when the view nears the end of what is loaded", async () => {
    const { viewport, onNearEnd } = renderList(rows(100));
    expect(onNearEnd).not.toHaveBeenCalled();

    await scrollTo(viewport, 100 * ROW - VIEWPORT);

    expect(onNearEnd).toHaveBeenCalled();
    expect(shown().at(-1)).toBe("Row 99");
    expect(screen.getByText("Loading more…")).toBeInTheDocument();
  });

  it("asks for more at once when the loaded rows don't fill the view", () => {
    const { onNearEnd } = renderList(rows(5));

    expect(onNearEnd).toHaveBeenCalled();
    expect(shown()).toEqual(rows(5));
  });
});
