/** The role matrix (PRODUCT.md) as the capability map implements it, and the office rules. */
import { describe, expect, test } from "vitest";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Role } from "../../validators";
import { codeThrownBy } from "../../setup.test";
import {
  CAPABILITIES,
  can,
  canReadOffice,
  checkViewer,
  requireCapability,
  requireOfficeRead,
  requireOfficeWrite,
  requireRole,
  type Capability,
  type Viewer,
} from "./auth";

const A = "offices_a" as Id<"offices">;
const B = "offices_b" as Id<"offices">;

function viewer(role: Role, officeIds: Id<"offices">[] = [A], viewOtherOffices = false): Viewer {
  return {
    _id: "u" as Id<"users">,
    _creationTime: 0,
    role,
    officeIds,
    viewOtherOffices,
    name: "X",
    email: "x@parley.test",
  };
}

// PRODUCT.md "Roles and offices", row by row: [capability, admin, standard, limited].
const MATRIX: [Capability, boolean, boolean, boolean][] = [
  ["campaigns.read", true, true, true],
  ["calendar.otherOffices", true, true, false],
  ["campaigns.write", true, true, false],
  ["analytics.dashboard", true, true, false],
  ["conversations.reply", true, true, true],
  ["conversations.manage", true, true, true],
  ["contacts.optOut", true, true, true],
  ["oneToOne.start", true, true, false],
  ["lists.write", true, true, false],
  ["knowledge.write", true, true, false],
  ["numbers.provision", true, false, false],
  ["numbers.unsolicitedSettings", true, false, false],
  ["contacts.optOutLift", true, false, false],
  ["users.manage", true, false, false],
];

describe("capabilities", () => {
  test.each(MATRIX)("%s: admin %s, standard %s, limited %s", (capability, admin, standard, limited) => {
    expect([
      can(viewer("admin"), capability),
      can(viewer("standard"), capability),
      can(viewer("limited"), capability),
    ]).toEqual([admin, standard, limited]);
  });

  test("the matrix above covers every capability", () => {
    expect(MATRIX.map(([c]) => c).sort()).toEqual(Object.keys(CAPABILITIES).sort());
  });

  test("viewOtherOffices grants no capability", () => {
    for (const capability of Object.keys(CAPABILITIES) as Capability[])
      expect(can(viewer("limited", [], true), capability)).toBe(can(viewer("limited"), capability));
  });

  test("requireCapability refuses with FORBIDDEN and names the role and the action", () => {
    expect(codeThrownBy(() => requireCapability(viewer("standard"), "contacts.optOutLift"))).toBe("FORBIDDEN");
    expect(() => requireCapability(viewer("limited"), "campaigns.write")).toThrow(/Limited.*campaigns/);
    expect(codeThrownBy(() => requireCapability(viewer("admin"), "contacts.optOutLift"))).toBe("OK");
  });

  test("requireRole refuses other roles with FORBIDDEN", () => {
    expect(codeThrownBy(() => requireRole(viewer("standard"), "admin"))).toBe("FORBIDDEN");
    expect(codeThrownBy(() => requireRole(viewer("standard"), "admin", "standard"))).toBe("OK");
  });
});

describe("offices", () => {
  test("members read their offices; others do not, whatever their role", () => {
    for (const role of ["admin", "standard", "limited"] as const) {
      expect(canReadOffice(viewer(role, [A]), A)).toBe(true);
      expect(canReadOffice(viewer(role, [A]), B)).toBe(false);
      expect(codeThrownBy(() => requireOfficeRead(viewer(role, [A]), B))).toBe("FORBIDDEN");
    }
  });

  test("viewOtherOffices reads every office", () => {
    expect(canReadOffice(viewer("limited", [], true), B)).toBe(true);
    expect(codeThrownBy(() => requireOfficeRead(viewer("limited", [], true), B))).toBe("OK");
  });

  test("writing needs membership and the capability; viewOtherOffices never grants it", () => {
    expect(codeThrownBy(() => requireOfficeWrite(viewer("standard", [A]), A, "campaigns.write"))).toBe("OK");
    expect(codeThrownBy(() => requireOfficeWrite(viewer("standard", [A]), B, "campaigns.write"))).toBe("FORBIDDEN");
    expect(codeThrownBy(() => requireOfficeWrite(viewer("standard", [A], true), B, "campaigns.write"))).toBe(
      "FORBIDDEN",
    );
    expect(codeThrownBy(() => requireOfficeWrite(viewer("admin", [A], true), B, "campaigns.write"))).toBe("FORBIDDEN");
    expect(codeThrownBy(() => requireOfficeWrite(viewer("limited", [A]), A, "campaigns.write"))).toBe("FORBIDDEN");
    expect(codeThrownBy(() => requireOfficeWrite(viewer("limited", [A]), A, "conversations.reply"))).toBe("OK");
  });
});

describe("checkViewer", () => {
  const user = (fields: Partial<Doc<"users">>): Doc<"users"> => ({ ...viewer("standard"), ...fields });
  test("signed out or no user: UNAUTHENTICATED; deactivated or role-less: FORBIDDEN", () => {
    expect(codeThrownBy(() => checkViewer(null, true))).toBe("UNAUTHENTICATED");
    expect(codeThrownBy(() => checkViewer(user({}), false))).toBe("UNAUTHENTICATED");
    expect(codeThrownBy(() => checkViewer(user({ deactivated: true }), true))).toBe("FORBIDDEN");
    expect(codeThrownBy(() => checkViewer(user({ role: undefined }), true))).toBe("FORBIDDEN");
    expect(checkViewer(user({}), true).role).toBe("standard");
  });
});
