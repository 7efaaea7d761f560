/** offices.members: whose personal inbox can take an office's conversations (the wizard's inbox picker). */
import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { codeOf, insertOffice, insertUser, newTest, signedInAs } from "./setup.test";

describe("offices.members", () => {
  test("lists active members with a role, by name; not former, roleless or other offices' people", async () => {
    const t = newTest();
    const admissions = await insertOffice(t, "Admissions");
    const advising = await insertOffice(t, "Advising");
    const sam = await insertUser(t, { name: "Sam Rivera", officeIds: [admissions] });
    const ada = await insertUser(t, { name: "Ada Advisor", role: "limited", officeIds: [admissions, advising] });
    await insertUser(t, { name: "Gone Person", officeIds: [admissions], deactivated: true });
    await insertUser(t, { name: "No Role", role: undefined, officeIds: [admissions] });
    await insertUser(t, { name: "Other Office", officeIds: [advising] });
    const asSam = await signedInAs(t, sam);
    expect(await asSam.query(api.offices.members, { officeId: admissions })).toEqual([
      { _id: ada, name: "Ada Advisor" },
      { _id: sam, name: "Sam Rivera" },
    ]);
  });

  test("people who can't read the office are refused; 'view other offices' readers may ask", async () => {
    const t = newTest();
    const admissions = await insertOffice(t, "Admissions");
    const advising = await insertOffice(t, "Advising");
    const outsider = await signedInAs(t, await insertUser(t, { officeIds: [advising] }));
    expect(await codeOf(outsider.query(api.offices.members, { officeId: admissions }))).toBe("FORBIDDEN");
    const reader = await signedInAs(t, await insertUser(t, { officeIds: [advising], viewOtherOffices: true }));
    expect(await reader.query(api.offices.members, { officeId: admissions })).toEqual([]);
    expect(await codeOf(t.query(api.offices.members, { officeId: admissions }))).toBe("UNAUTHENTICATED");
  });
});
