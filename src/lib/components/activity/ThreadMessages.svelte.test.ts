import { render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Id } from "$convex/_generated/dataModel";
import ThreadMessages from "./ThreadMessages.svelte";
import type { ThreadMessage } from "./types";

const T0 = Date.UTC(2026, 2, 2, 15, 0);

function message(n: number, fields: Partial<ThreadMessage>): ThreadMessage {
  return {
    _id: `m${n}` as Id<"messages">,
    _creationTime: T0 + n * 60_000,
    direction: "outbound",
    author: "campaign",
    authorName: null,
    body: `Message ${n}`,
    segments: 1,
    status: "delivered",
    errorCode: null,
    errorReason: null,
    sentAt: null,
    deliveredAt: null,
    ...fields,
  };
}

const messages = [
  message(1, { body: "Hi Ana, classes start Monday. Any questions?" }),
  message(2, { direction: "inbound", author: "contact", status: "received", body: "Where do I park?" }),
  message(3, {
    author: "agent",
    authorName: "Sam Rivera",
    body: "Lot B, by the library.",
    status: "failed",
    errorReason: "Carrier rejected",
  }),
];

const items = () => screen.getAllByRole("listitem");

describe("ThreadMessages", () => {
  it("shows the messages oldest first, each with who wrote it", () => {
    render(ThreadMessages, { messages, pending: [] });

    expect(items().map((item) => item.querySelector("p")?.textContent?.trim())).toEqual([
      "Hi Ana, classes start Monday. Any questions?",
      "Where do I park?",
      "Lot B, by the library.",
    ]);
    expect(items()[0]).toHaveTextContent("Campaign");
    expect(items()[1]).toHaveTextContent("Contact");
    expect(items()[2]).toHaveTextContent("Sam Rivera");
  });

  it("shows the delivery status of Parley's messages, with the reason of a failure", () => {
    render(ThreadMessages, { messages, pending: [] });

    expect(within(items()[0]).getByRole("button", { name: "Delivered" })).toBeInTheDocument();
    expect(within(items()[1]).queryByRole("button")).toBeNull();
    expect(within(items()[2]).getByRole("button", { name: /Failed.*Carrier rejected/ })).toBeInTheDocument();
  });

  it("shows a text being sent after the stored ones, as pending from You", () => {
    const pending = [{ localId: "local-1", body: "See you there!", at: T0 + 10 * 60_000 }];
    render(ThreadMessages, { messages, pending });

    const last = items().at(-1)!;
    expect(last).toHaveTextContent("See you there!");
    expect(last).toHaveTextContent("You");
    expect(last).toHaveAttribute("data-optimistic", "true");
    expect(within(last).getByRole("button", { name: "Sent to Twilio, not accepted yet" })).toBeInTheDocument();
  });

  it("says so when there are no messages", () => {
    render(ThreadMessages, { messages: [], pending: [] });

    expect(screen.getByText("No messages yet.")).toBeInTheDocument();
  });
});
