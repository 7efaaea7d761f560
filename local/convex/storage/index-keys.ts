/** The index engine's values, keys and range expressions (see indexes.ts): Convex's ordering and convex-test's validation messages. */
import { compareValues, jsonToConvex, type JSONValue, type Value } from "convex/values";

export type Doc = Record<string, unknown> & { _id: string; _creationTime: number };
export type RangeExpr = {
  type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte";
  fieldPath: string;
  value: unknown;
};
export interface IndexDef {
  name: string;
  fields: string[];
}
export type Key = unknown[];
export type Order = "asc" | "desc";

// ---------------------------------------------------------------------------
// Values and keys
// ---------------------------------------------------------------------------

/** `compareValues` with fast paths for the common number/string cases. */
export function compareValue(a: unknown, b: unknown): number {
  const ta = typeof a;
  if (ta === "number" && typeof b === "number") {
    return compareNumbers(a as number, b);
  }
  if (ta === "string" && typeof b === "string") {
    return compareStrings(a as string, b);
  }
  return slowCompare(a, b);
}

function slowCompare(a: unknown, b: unknown): number {
  return compareValues(a as Value | undefined, b as Value | undefined);
}

function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b && a !== 0) return 0;
  return slowCompare(a, b); // NaN, 0 vs -0
}

/** UTF-8 byte order (as `compareUTF8`); UTF-16 order is the same unless a surrogate differs. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (isSurrogate(x) || isSurrogate(y)) return slowCompare(a, b);
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

/** Lexicographic comparison of two keys of equal length. */
export function compareKeys(a: Key, b: Key): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValue(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Compares the first `prefix.length` components of `key` with `prefix`. */
function comparePrefix(key: Key, prefix: Key): number {
  for (let i = 0; i < prefix.length; i++) {
    const c = compareValue(key[i], prefix[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function isSimpleObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    proto === null ||
    proto === Object.prototype ||
    (proto as { constructor?: { name?: string } }).constructor?.name === "Object"
  );
}

/** convex-test's `evaluateFieldPath`, on a path already split on ".". */
export function evaluatePath(parts: readonly string[], doc: unknown): unknown {
  let result: unknown = doc;
  for (const p of parts) {
    result = isSimpleObject(result) ? (result as Record<string, unknown>)[p] : undefined;
  }
  return result;
}

/** Decodes a query value: convex JSON, or `{ "$undefined": null }` for undefined. */
function decodeRangeValue(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "$undefined" in value) {
    return undefined;
  }
  return jsonToConvex(value as JSONValue);
}

// ---------------------------------------------------------------------------
// Range expressions
// ---------------------------------------------------------------------------

type ValidationState = "eq" | "gt" | "lt" | "done";

/** Same checks and messages as convex-test's `validateIndexRangeExpression`. */
function validateIndexRange(range: readonly RangeExpr[], fields: readonly string[]): void {
  let fieldIndex = 0;
  let state: ValidationState = "eq";
  range.forEach((filter, filterIndex) => {
    if (state === "done") {
      throw new Error(
        "Incorrect operator used in `withIndex`, cannot chain " +
          "more operators after both `.gt` and `.lt` were already used, " +
          `got \`${printIndexOperator(filter)}\`.`,
      );
    }
    const kind = operatorKind(filter.type);
    const transition = `${state}|${kind}`;
    if (transition === "eq|eq" || transition === "eq|gt" || transition === "eq|lt") {
      if (filter.fieldPath !== fields[fieldIndex]) {
        throw new Error(
          "Incorrect field used in `withIndex`, " + `expected "${fields[fieldIndex]}", got "${filter.fieldPath}"`,
        );
      }
      fieldIndex += 1;
      state = kind;
    } else if (transition === "lt|gt" || transition === "gt|lt") {
      if (!(fieldIndex > 0 && filter.fieldPath === fields[fieldIndex - 1])) {
        throw new Error(
          "Incorrect field used in `withIndex`, " +
            "`.gt` and `.lt` must operate on the same field, " +
            `expected "${fields[fieldIndex - 1]}", got "${filter.fieldPath}"`,
        );
      }
      state = "done";
    } else {
      throw new Error(
        "Incorrect operator used in `withIndex`, " +
          `cannot chain \`.${filter.type.toLowerCase()}()\` ` +
          `after \`.${range[filterIndex - 1].type.toLowerCase()}()\``,
      );
    }
  });
}

function operatorKind(type: RangeExpr["type"]): "eq" | "gt" | "lt" {
  if (type === "Gt" || type === "Gte") return "gt";
  if (type === "Lt" || type === "Lte") return "lt";
  return "eq";
}

function printIndexOperator(filter: RangeExpr): string {
  return `.${filter.type.toLowerCase()}(${filter.fieldPath}, ${JSON.stringify(filter.value)})`;
}

type Bound = { value: unknown; inclusive: boolean };

export interface CompiledRange {
  /** Full key fields of the index the range was compiled for. */
  readonly fields: readonly string[];
  /** Decoded Eq values, one per leading field. */
  readonly eq: readonly unknown[];
  /** Key prefix of the lower bound ([] = unbounded) and whether it is included. */
  readonly lower: unknown[];
  readonly lowerInclusive: boolean;
  /** Key prefix of the upper bound ([] = unbounded) and whether it is included. */
  readonly upper: unknown[];
  readonly upperInclusive: boolean;
  /** Whether the document's key for this index lies in the range. */
  contains(doc: Record<string, unknown>): boolean;
  /** Whether a full index key lies on or above the lower bound. */
  aboveLower(key: Key): boolean;
  /** Whether a full index key lies on or below the upper bound. */
  belowUpper(key: Key): boolean;
}

/** Validates `range` against the index `fields` and compiles it into key bounds. */
export function compileRange(fields: string[], range: RangeExpr[]): CompiledRange {
  validateIndexRange(range, fields);
  const eq: unknown[] = [];
  let lo: Bound | null = null;
  let hi: Bound | null = null;
  for (const r of range) {
    const value = decodeRangeValue(r.value);
    if (r.type === "Eq") eq.push(value);
    else if (r.type === "Gt" || r.type === "Gte") lo = { value, inclusive: r.type === "Gte" };
    else hi = { value, inclusive: r.type === "Lte" };
  }
  return buildRange(fields, eq, lo, hi);
}

function buildRange(fields: string[], eq: unknown[], lo: Bound | null, hi: Bound | null): CompiledRange {
  const lower = lo ? [...eq, lo.value] : eq.slice();
  const upper = hi ? [...eq, hi.value] : eq.slice();
  const lowerInclusive = lo ? lo.inclusive : true;
  const upperInclusive = hi ? hi.inclusive : true;
  return {
    fields,
    eq,
    lower,
    lowerInclusive,
    upper,
    upperInclusive,
    contains: makeContains(fields, eq, lo, hi),
    aboveLower: (key) => {
      const c = comparePrefix(key, lower);
      return lowerInclusive ? c >= 0 : c > 0;
    },
    belowUpper: (key) => {
      const c = comparePrefix(key, upper);
      return upperInclusive ? c <= 0 : c < 0;
    },
  };
}

/** Per-field check of a document, touching only the fields the range constrains. */
function makeContains(
  fields: string[],
  eq: unknown[],
  lo: Bound | null,
  hi: Bound | null,
): (doc: Record<string, unknown>) => boolean {
  const paths = fields.map((f) => f.split("."));
  const boundPath = paths[eq.length];
  return (doc) => {
    for (let i = 0; i < eq.length; i++) {
      if (compareValue(evaluatePath(paths[i], doc), eq[i]) !== 0) return false;
    }
    if (lo === null && hi === null) return true;
    const v = evaluatePath(boundPath, doc);
    if (lo !== null) {
      const c = compareValue(v, lo.value);
      if (lo.inclusive ? c < 0 : c <= 0) return false;
    }
    if (hi !== null) {
      const c = compareValue(v, hi.value);
      if (hi.inclusive ? c > 0 : c >= 0) return false;
    }
    return true;
  };
}
