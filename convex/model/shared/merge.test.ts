import { expect, test } from "vitest";
import { fieldKey, mergeFields, renderMessage, unknownFields, type MergeEntry } from "./merge";

const ann: MergeEntry = {
  firstName: "Ann",
  lastName: "Lee",
  phone: "+16175550123",
  fields: { Program: "Nursing", "Advisor, Assigned": "Dr. Ruiz", Term: "" },
};

test("built-in fields and list columns render for a contact", () => {
  expect(renderMessage("Hi {firstName} {lastName} ({phone})", ann)).toBe("Hi Ann Lee (+16175550123)");
  expect(renderMessage("Your {Program} advisor is {Advisor, Assigned}.", ann)).toBe(
    "Your Nursing advisor is Dr. Ruiz.",
  );
});

test("names match ignoring case and extra spaces", () => {
  expect(renderMessage("{FIRSTNAME} {first name} { First   Name } {program} {advisor,  assigned}", ann)).toBe(
    "Ann Ann Ann Nursing Dr. Ruiz",
  );
  expect(fieldKey("  Advisor,   Assigned ")).toBe("advisor, assigned");
});

test("an empty value renders as empty; an unknown field is left as typed", () => {
  expect(renderMessage("Term: {Term}.", ann)).toBe("Term: .");
  expect(renderMessage("Hi {nickname}", ann)).toBe("Hi {nickname}");
  expect(renderMessage("Hi {firstName}", { ...ann, firstName: "" })).toBe("Hi ");
});

test("braces without a name are plain text", () => {
  expect(renderMessage("{} { } { {firstName} }", ann)).toBe("{} { } { Ann }");
  expect(renderMessage("a lone { and }", ann)).toBe("a lone { and }");
  expect(mergeFields("{}{ }{\n}")).toEqual([]);
});

test("a value that looks like a field is not merged again", () => {
  expect(renderMessage("{Program}", { ...ann, fields: { Program: "{firstName}" } })).toBe("{firstName}");
});

test("a built-in name wins over a column of the same name", () => {
  expect(renderMessage("{Phone}", { ...ann, fields: { Phone: "home" } })).toBe("+16175550123");
});

test("prototype names are not fields", () => {
  expect(unknownFields("{constructor} {toString}", [])).toEqual(["constructor", "toString"]);
  expect(renderMessage("{constructor}", ann)).toBe("{constructor}");
});

test("mergeFields lists each name once, first spelling, in order", () => {
  expect(mergeFields("{Program} {firstName} {program} {FIRSTNAME} {Advisor,  Assigned}")).toEqual([
    "Program",
    "firstName",
    "Advisor, Assigned",
  ]);
});

test("unknownFields names fields neither built in nor a list column", () => {
  const columns = ["Program", "Advisor, Assigned"];
  expect(unknownFields("Hi {firstName}, {program} with {advisor, assigned}", columns)).toEqual([]);
  expect(unknownFields("Hi {first}, {Programme} {Programme}", columns)).toEqual(["first", "Programme"]);
  expect(unknownFields("{Program}", [])).toEqual(["Program"]);
});
