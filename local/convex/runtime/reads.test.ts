import { expect, test } from "vitest";
import { compileRange } from "../storage/index-keys.ts";
import type { Change, Doc } from "./internals-shapes.ts";
import { ReadSet, SubscriptionIndex } from "./reads.ts";

const doc = (id: string, fields: Record<string, unknown>): Doc => ({ _id: id, _creationTime: 1, ...fields });
const change = (table: string, before: Doc | null, after: Doc | null): Change => ({
  component: "",
  table,
  id: (after ?? before)!._id,
  before,
  after,
});

test("a write invalidates only the subscriptions whose ranges or documents it touches", () => {
  const index = new SubscriptionIndex<string>();
  const fields = ["channel", "_creationTime", "_id"];
  const inRange = (channel: string) => {
    const reads = new ReadSet();
    const range = compileRange(fields, [{ type: "Eq", fieldPath: "channel", value: channel }]);
    reads.addRange("", "messages", (d) => range.contains(d));
    return reads;
  };
  index.set("general", inRange("general"));
  index.set("random", inRange("random"));
  const byId = new ReadSet();
  byId.addId("", "1messages");
  index.set("one-doc", byId);
  const counts = new ReadSet();
  counts.addTable("", "items");
  index.set("items", counts);

  expect(index.affected([change("messages", null, doc("2messages", { channel: "general" }))])).toEqual(
    new Set(["general"]),
  );
  expect(
    index.affected([
      change("messages", doc("1messages", { channel: "random" }), doc("1messages", { channel: "general" })),
    ]),
  ).toEqual(new Set(["one-doc", "random", "general"]));
  expect(index.affected([change("items", null, doc("3items", {}))])).toEqual(new Set(["items"]));
  expect(index.affected([change("other", null, doc("4other", {}))])).toEqual(new Set());

  index.delete("general");
  expect(index.affected([change("messages", null, doc("5messages", { channel: "general" }))])).toEqual(new Set());
  index.set("random", new ReadSet());
  expect(index.affected([change("messages", null, doc("6messages", { channel: "random" }))])).toEqual(new Set());
  expect(index.size).toBe(3);
});
