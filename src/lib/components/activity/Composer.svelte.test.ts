import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Id } from "$convex/_generated/dataModel";
import { Draft } from "$lib/state/composer-drafts.svelte";
import Composer from "./Composer.svelte";

const conversationId = "c1" as Id<"conversations">;

/** convex-svelte's client, as Composer reaches it through context: only `mutation` is used. */
function setup({ blocked = null as string | null, mutation = vi.fn(async () => null) } = {}) {
  const draft = new Draft();
  const onTyping = vi.fn();
  render(Composer, {
    props: { conversationId, draft, blocked, onTyping },
    context: new Map([["$$_convexClient", { mutation }]]),
  });
  // Undo merges keystrokes by time: the clock moves only when the test says so.
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Reply" });
  const counter = screen.getByTestId("composer-counter");
  const send = screen.getByRole("button", { name: "Send" });
  return { draft, onTyping, mutation, user, box, counter, send };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.UTC(2026, 2, 2, 15, 0));
});
afterEach(() => vi.useRealTimers());

describe("Composer", () => {
  it("counts characters and segments as the person types, and says why a text is UCS-2", async () => {
    const { user, box, counter, onTyping } = setup();
    expect(counter).toHaveTextContent("0 / 1,600 characters · 0 segments");

    await user.type(box, "Hello");
    expect(counter).toHaveTextContent("5 / 1,600 characters · 1 segment (GSM-7)");
    expect(onTyping).toHaveBeenCalled();

    await user.type(box, " 😀");
    expect(counter).toHaveTextContent("UCS-2 because of 😀");
  });

  it("won't send past 1,600 characters and says by how much it is over", async () => {
    const { user, box, counter, send, mutation } = setup();
    await user.click(box);
    await user.paste("a".repeat(1_601));

    expect(counter).toHaveTextContent("1 character over the 1,600 limit: shorten the message to send it.");
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(send).toBeDisabled();
    await user.keyboard("{Enter}");
    expect(mutation).not.toHaveBeenCalled();
  });

  it("sends on Enter, empties the box and shows the text as pending", async () => {
    const { user, box, draft, mutation } = setup();
    let settle = () => {};
    mutation.mockImplementationOnce(() => new Promise((resolve) => (settle = () => resolve(null))));

    await user.type(box, "On my way{Enter}");

    expect(mutation).toHaveBeenCalledWith(expect.anything(), { conversationId, body: "On my way" });
    expect(box).toHaveValue("");
    expect(draft.pending.map((p) => p.body)).toEqual(["On my way"]);
    settle();
    await waitFor(() => expect(draft.pending).toEqual([]));
  });

  it("starts a new line on Shift+Enter instead of sending", async () => {
    const { user, box, mutation } = setup();

    await user.type(box, "Line one{Shift>}{Enter}{/Shift}Line two");

    expect(box).toHaveValue("Line one\nLine two");
    expect(mutation).not.toHaveBeenCalled();
  });

  it("puts a text that failed to send back in the box with the reason", async () => {
    const mutation = vi.fn(async () => {
      throw new ConvexError({ code: "INVALID", message: "The contact opted out." });
    });
    const { user, box } = setup({ mutation });

    await user.type(box, "Still coming?{Enter}");

    expect(await screen.findByRole("alert")).toHaveTextContent("Not sent: The contact opted out.");
    expect(box).toHaveValue("Still coming?");
  });

  it("undoes and redoes by word, from the keyboard and the buttons", async () => {
    const { user, box } = setup();
    const undo = screen.getByRole("button", { name: "Undo" });
    const redo = screen.getByRole("button", { name: "Redo" });
    expect(undo).toBeDisabled();

    await user.type(box, "See you soon");
    await user.keyboard("{Control>}z{/Control}");
    expect(box).toHaveValue("See you ");
    await user.click(undo);
    expect(box).toHaveValue("See ");

    await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    expect(box).toHaveValue("See you ");
    await user.click(redo);
    expect(box).toHaveValue("See you soon");
    expect(redo).toBeDisabled();
  });

  it("can't be typed in or sent from when the viewer can't reply, and says why", () => {
    const { box, send } = setup({ blocked: "The contact opted out." });

    expect(box).toBeDisabled();
    expect(box).toHaveAttribute("placeholder", "The contact opted out.");
    expect(send).toBeDisabled();
  });
});
