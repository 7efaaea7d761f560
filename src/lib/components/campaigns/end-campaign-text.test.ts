import { describe, expect, test } from "vitest";
import { endCampaignText, inboxWords, listWords } from "./end-campaign-text";

describe("the Stop and Archive confirmation", () => {
  test("reusable number: names the number, who answers and the inboxes", () => {
    const text = endCampaignText({
      title: "Spring open house",
      number: { e164: "+16175550192", kind: "reusable" },
      needsAttention: 3,
      unsolicited: { handledBy: "agent", users: ["Sam Rivera"], offices: ["Financial Aid"] },
    }).join(" ");
    expect(text).toContain("“Spring open house” stops now and moves to the Archived tab.");
    expect(text).toContain("3 conversations need attention right now.");
    expect(text).toContain(
      "Conversations that need attention move to (617) 555-0192's unsolicited settings: agents and the Financial Aid office inbox and Sam Rivera's inbox.",
    );
  });

  test("reusable number answered by the Virtual Assistant", () => {
    const text = endCampaignText({
      title: "T",
      number: { e164: "+16175550191", kind: "reusable" },
      needsAttention: 1,
      unsolicited: { handledBy: "va", users: [], offices: ["Admissions"] },
    }).join(" ");
    expect(text).toContain("1 conversation needs attention right now.");
    expect(text).toContain("unsolicited settings: the Virtual Assistant and the Admissions office inbox.");
  });

  test("single-use number: no further responses, queues emptied, number released", () => {
    const text = endCampaignText({
      title: "T",
      number: { e164: "+16175550123", kind: "singleUse" },
      needsAttention: 0,
      unsolicited: null,
    }).join(" ");
    expect(text).toContain(
      "no further responses will be sent, pending conversations leave every queue, and (617) 555-0123 is released.",
    );
    expect(text).not.toContain("unsolicited");
  });

  test("lists read as sentences", () => {
    expect(listWords(["a"])).toBe("a");
    expect(listWords(["a", "b", "c"])).toBe("a, b and c");
    expect(inboxWords({ users: ["Ann", "Bo"], offices: [] })).toBe("Ann's inbox and Bo's inbox");
  });
});
