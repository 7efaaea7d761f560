/** mergeLengths: each field's longest value on a list and a template's worst-case length. */
import { describe, expect, test } from "vitest";
import { emptyMaxLengths, renderedTooLong, widenMaxLengths, worstCaseLength, worstCaseProblem } from "./mergeLengths";

const columns = ["Program", "Notes"];
const entry = (firstName: string, fields: Record<string, string>) => ({
  ...{ firstName, lastName: "Diaz", phone: "+16175550101" },
  fields,
});

describe("keeping the longest values", () => {
  test("widens per field and never narrows", () => {
    let lengths = widenMaxLengths(emptyMaxLengths(columns), columns, [entry("Ana", { Program: "Nursing", Notes: "" })]);
    lengths = widenMaxLengths(lengths, columns, [entry("Bo", { Program: "Bio", Notes: "x".repeat(40) })]);
    expect(lengths).toEqual({ firstName: 3, lastName: 4, phone: 12, columns: [7, 40] });
  });

  test("unknown lengths (a list made before they were kept) stay unknown", () => {
    expect(widenMaxLengths(undefined, columns, [entry("Ana", {})])).toBeUndefined();
    expect(worstCaseLength("Hi {firstName}", columns, undefined)).toBeNull();
  });
});

describe("the worst case of a template", () => {
  const lengths = { firstName: 10, lastName: 12, phone: 12, columns: [20, 1590] };

  test("is the template with every field at its longest, fields named longest first", () => {
    const worst = worstCaseLength("Hi {first name}: {Notes} ({program})", columns, lengths);
    expect(worst).toEqual({
      length: "Hi :  ()".length + 10 + 1590 + 20,
      fields: [
        { name: "Notes", max: 1590 },
        { name: "program", max: 20 },
        { name: "first name", max: 10 },
      ],
    });
    expect(worstCaseProblem(worst)).toBe(
      "With the longest values on the contact list — {Notes} (up to 1,590 characters), {program} (up to 20 characters), " +
        "{first name} (up to 10 characters) — the text can reach 1,628 characters; texts can be at most 1,600. " +
        "Shorten the message or those values on the list.",
    );
  });

  test("a field used twice counts twice; within the limit there is no problem", () => {
    const worst = worstCaseLength("{Program}{Program}", columns, lengths);
    expect(worst?.length).toBe(40);
    expect(worstCaseProblem(worst)).toBeNull();
    expect(worstCaseProblem(null)).toBeNull();
  });

  test("exactly 1,600 characters is allowed", () => {
    expect(worstCaseProblem(worstCaseLength("1234567890{Notes}", columns, lengths))).toBeNull();
  });
});

test("a rendered text over 1,600 characters names its length", () => {
  expect(renderedTooLong("x".repeat(1600))).toBeNull();
  expect(renderedTooLong("x".repeat(1712))).toBe(
    "The text with this contact's merge fields is 1,712 characters; texts can be at most 1,600.",
  );
});
