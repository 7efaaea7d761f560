/**
 * The contacts of `npm start`'s demo content (`demo-content.ts`): made-up people with numbers in
 * the fictional 555-0100…0199 range. The area code is one where it is daytime when the demo is
 * seeded (Massachusetts first, then westward), so quiet hours hold none of the campaign texts;
 * 617 is left out, because the simulator sells 617-555-01xx as Parley's own numbers.
 */
import { normalizePhone } from "../convex/model/shared/contactPhone.ts";
import { daytimeAreaCodes, type ListContact } from "./api-client.ts";

const FIRST = [
  "Maya", "Jordan", "Ethan", "Priya", "Lucas", "Sofia", "Noah", "Aaliyah", "Liam", "Chloe",
  "Mateo", "Grace", "Omar", "Hannah", "Diego", "Zoe", "Caleb", "Amara", "Isaac", "Leah",
  "Julian", "Nadia", "Owen", "Elena", "Malik", "Ruby", "Theo", "Ines", "Gabriel", "Tessa",
]; // prettier-ignore
const LAST = [
  "Patel", "Nguyen", "Okafor", "Garcia", "Kim", "Johnson", "Silva", "Cohen", "Murphy", "Haddad",
  "Rossi", "Williams", "Chen", "Lopez", "Brooks", "Novak", "Ali", "Schmidt", "Reyes", "Walsh",
  "Tanaka", "Dubois", "Osei", "Fischer", "Moreau", "Hughes", "Ibrahim", "Larsen", "Costa", "Quinn",
]; // prettier-ignore
const PROGRAMS = ["Nursing", "Computer Science", "Biology", "Business", "Psychology", "Engineering", "History"];
const HIGH_SCHOOLS = [
  "Brookline High", "Newton North High", "Lexington High", "Worcester Academy", "Quincy High",
  "Cambridge Rindge and Latin", "Framingham High", "Salem High",
]; // prettier-ignore
const AID_STATUS = ["FAFSA missing", "Verification", "Documents missing", "Award ready"];

/** Massachusetts outside 617, then Chicago, Denver, the West Coast, Alaska, Hawaii, Guam: daytime somewhere. */
const PREFERRED_AREA_CODES = ["508", "781", "978", "413", "312", "303", "415", "206", "907", "808", "671"];

/** Hands out distinct fictional numbers (555-01xx) in the area codes where it is daytime now. */
export class PhoneBook {
  private next = 0;
  private readonly codes: string[];
  /** False when it is night in every preferred area code (quiet hours would hold the texts). */
  readonly daytime: boolean;

  constructor(now = Date.now()) {
    const codes = daytimeAreaCodes(now, PREFERRED_AREA_CODES);
    this.daytime = codes.length > 0;
    this.codes = this.daytime ? codes : ["508"];
  }

  take(): string {
    for (;;) {
      const i = this.next++;
      const code = this.codes[i % this.codes.length];
      const line = 5_550_100 + Math.floor(i / this.codes.length);
      const result = normalizePhone(`+1${code}${line}`);
      if (result.ok) return result.phone;
    }
  }
}

/** `count` people; `fields(i)` gives each one's custom columns. Names repeat only past 900 people. */
export function people(book: PhoneBook, count: number, offset: number, fields: (i: number) => Record<string, string>) {
  const contacts: ListContact[] = [];
  for (let i = 0; i < count; i++) {
    const n = i + offset;
    const firstName = FIRST[n % FIRST.length];
    const lastName = LAST[(n * 7 + Math.floor(n / FIRST.length)) % LAST.length];
    contacts.push({ firstName, lastName, phone: book.take(), fields: fields(n) });
  }
  return contacts;
}

export const prospects = (book: PhoneBook) =>
  people(book, 60, 0, (n) => ({
    Program: PROGRAMS[n % PROGRAMS.length],
    "High School": HIGH_SCHOOLS[(n * 3) % HIGH_SCHOOLS.length],
  }));

export const aidFollowUp = (book: PhoneBook) =>
  people(book, 40, 60, (n) => ({ "Aid Status": AID_STATUS[n % AID_STATUS.length] }));

export const advisees = (book: PhoneBook) =>
  people(book, 8, 100, (n) => ({ Advisor: n % 2 ? "Lee Morgan" : "Dr. Ruiz" }));
