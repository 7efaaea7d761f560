/** viewer.get and offices.list: what the signed-in person sees of themselves and their offices. */
import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { codeOf, insertOffice, insertUser, newTest, signedInAs } from "./setup.test";

describe("viewer.get", () => {
  test("is null for an anonymous caller (the sign-in page asks it)", async () => {
    const t = newTest();
    expect(await t.query(api.viewer.get, {})).toBeNull();
  });

  test("returns the profile with the user's offices sorted by name", async () => {
    const t = newTest();
    const advising = await insertOffice(t, "Advising");
    const admissions = await insertOffice(t, "Admissions");
    await insertOffice(t, "Financial Aid");
    const userId = await insertUser(t, {
      name: "Sam Rivera",
      email: "sam@parley.test",
      role: "standard",
      officeIds: [advising, admissions],
      viewOtherOffices: true,
    });
    const sam = await signedInAs(t, userId);
    expect(await sam.query(api.viewer.get, {})).toEqual({
      _id: userId,
      name: "Sam Rivera",
      email: "sam@parley.test",
      role: "standard",
      viewOtherOffices: true,
      offices: [
        { _id: admissions, name: "Admissions" },
        { _id: advising, name: "Advising" },
      ],
    });
  });

  test("is null for a deactivated user, a user without a role, and a token naming no user", async () => {
    const t = newTest();
    const deactivated = await signedInAs(t, await insertUser(t, { deactivated: true }));
    const roleless = await signedInAs(t, await insertUser(t, { role: undefined }));
    expect(await deactivated.query(api.viewer.get, {})).toBeNull();
    expect(await roleless.query(api.viewer.get, {})).toBeNull();
    expect(await t.withIdentity({ subject: "not-a-user-id|x" }).query(api.viewer.get, {})).toBeNull();
    const removed = await insertUser(t);
    const removedViewer = await signedInAs(t, removed);
    await t.run(async (ctx) => await ctx.db.delete("users", removed));
    expect(await removedViewer.query(api.viewer.get, {})).toBeNull();
  });

  test("leaves out an office that no longer exists", async () => {
    const t = newTest();
    const kept = await insertOffice(t, "Kept");
    const gone = await insertOffice(t, "Gone");
    const viewer = await signedInAs(t, await insertUser(t, { officeIds: [gone, kept] }));
    await t.run(async (ctx) => await ctx.db.delete("offices", gone));
    expect((await viewer.query(api.viewer.get, {}))?.offices).toEqual([{ _id: kept, name: "Kept" }]);
  });
});

describe("offices.list", () => {
  test("refuses anonymous callers with UNAUTHENTICATED", async () => {
    expect(await codeOf(newTest().query(api.offices.list, {}))).toBe("UNAUTHENTICATED");
  });

  test("refuses deactivated users and users without a role with FORBIDDEN", async () => {
    const t = newTest();
    const deactivated = await signedInAs(t, await insertUser(t, { deactivated: true }));
    const roleless = await signedInAs(t, await insertUser(t, { role: undefined }));
    expect(await codeOf(deactivated.query(api.offices.list, {}))).toBe("FORBIDDEN");
    expect(await codeOf(roleless.query(api.offices.list, {}))).toBe("FORBIDDEN");
  });

  test("lists the viewer's own offices, sorted by name", async () => {
    const t = newTest();
    const b = await insertOffice(t, "Financial Aid");
    const a = await insertOffice(t, "Admissions");
    await insertOffice(t, "Advising");
    const viewer = await signedInAs(t, await insertUser(t, { role: "limited", officeIds: [b, a] }));
    expect(await viewer.query(api.offices.list, {})).toEqual([
      { _id: a, name: "Admissions" },
      { _id: b, name: "Financial Aid" },
    ]);
  });

  test("lists every office for a user who may view other offices", async () => {
    const t = newTest();
    const c = await insertOffice(t, "Financial Aid");
    const a = await insertOffice(t, "Admissions");
    const b = await insertOffice(t, "Advising");
    const viewer = await signedInAs(t, await insertUser(t, { role: "limited", officeIds: [], viewOtherOffices: true }));
    expect((await viewer.query(api.offices.list, {})).map((o) => o._id)).toEqual([a, b, c]);
  });

  test("does not widen an admin's offices: admins see their own offices like everyone else", async () => {
    const t = newTest();
    const own = await insertOffice(t, "Admissions");
    await insertOffice(t, "Advising");
    const admin = await signedInAs(t, await insertUser(t, { role: "admin", officeIds: [own] }));
    expect(await admin.query(api.offices.list, {})).toEqual([{ _id: own, name: "Admissions" }]);
  });
});
