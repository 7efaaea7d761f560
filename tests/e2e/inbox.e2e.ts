/**
 * Each agent's Inbox and the live Needs attention count in the navigation (with the opt-in beep
 * and desktop notification), conversations opened in place, and 1:1 texts from a reusable number.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { activeCampaign, DEMO, expectAccessible, signIn, textFromContact, uniquePhone } from "./helpers.ts";

/** Counts beeps (oscillators started) and desktop notifications instead of making them. */
async function listeningAgent(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { __beeps: number; __notes: string[] };
    w.__beeps = 0;
    w.__notes = [];
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.__beeps += 1;
      return create.call(this);
    };
    class FakeNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      constructor(_title: string, options?: { body?: string }) {
        w.__notes.push(options?.body ?? "");
      }
    }
    Object.defineProperty(window, "Notification", { value: FakeNotification, configurable: true });
  });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const beeps = (page: Page) => page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);
const notes = (page: Page) => page.evaluate(() => (window as unknown as { __notes: string[] }).__notes);

test("the Needs attention count rises live, with the chosen beep and notification; the Inbox opens it in place", async ({
  browser,
}) => {
  // Advising: only Lee (Limited) and the admin work it, so no other test moves Lee's count.
  const phone = uniquePhone();
  // A name of this run's own: the Inbox lists conversations across campaigns.
  const lastName = `Advisee${Date.now().toString(36)}`;
  const name = `Mia ${lastName}`;
  const { number } = await activeCampaign({
    as: DEMO.admin,
    office: "Advising",
    contacts: [{ firstName: "Mia", lastName, phone }],
  });
  const lee = await listeningAgent(browser, DEMO.lee);
  await lee.getByTestId("nav-inbox").click();
  await expect(lee.getByTestId("page-title")).toHaveText("Inbox");
  await expect(lee.getByTestId("one-to-one-start")).toHaveCount(0); // Limited: no 1:1 texts

  // Lee turns on the sound and desktop notifications; the choice survives a reload.
  await lee.getByTestId("notify-settings").click();
  await lee.getByTestId("notify-sound").check();
  await lee.getByTestId("notify-desktop").check();
  await lee.reload();
  await lee.getByTestId("notify-settings").click();
  await expect(lee.getByTestId("notify-sound")).toBeChecked();
  await expect(lee.getByTestId("notify-desktop")).toBeChecked();
  await lee.keyboard.press("Escape");
  await expect(lee.getByTestId("nav-inbox-count")).toHaveCount(0);
  const beepsBefore = await beeps(lee);

  await textFromContact(phone, number, "Can I change my advisor?");
  await expect(lee.getByTestId("nav-inbox-count")).toHaveText(/^1/);
  await expect.poll(() => beeps(lee)).toBe(beepsBefore + 1);
  await expect.poll(() => notes(lee)).toEqual(["1 conversation needs attention"]);

  const item = lee.getByTestId("inbox-needs-attention").getByTestId("inbox-item").filter({ hasText: name });
  await expect(item).toContainText("Can I change my advisor?");
  await expectAccessible(lee);
  await item.click();
  await expect(lee.getByTestId("thread-message").filter({ hasText: "Can I change my advisor?" })).toHaveAttribute(
    "data-direction",
    "inbound",
  );
  await lee.getByTestId("composer-input").fill("Yes — reply with a name and we'll arrange it.");
  await lee.getByTestId("composer-send").click();
  await expect(
    lee.getByTestId("inbox-participating").getByTestId("inbox-item").filter({ hasText: name }),
  ).toBeVisible();
  await expect(lee.getByTestId("inbox-needs-attention").getByTestId("inbox-item")).toHaveCount(0);
  await expect(lee.getByTestId("nav-inbox-count")).toHaveCount(0);
  await expectAccessible(lee);
  await lee.context().close();
});

test("a 1:1 text from a reusable number opens its conversation; refused texts say why and keep the message", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const sam = await context.newPage();
  await signIn(sam, DEMO.sam);
  await sam.goto("/inbox");
  const phone = uniquePhone();

  await sam.getByTestId("one-to-one-start").click();
  await expectAccessible(sam);
  await sam
    .getByTestId("one-to-one-number")
    .selectOption({ label: "Admissions main line · (617) 555-0191 (Admissions)" });
  await sam.getByTestId("one-to-one-phone").fill(phone);
  await sam.getByTestId("one-to-one-body").fill("Hi! Your transcript arrived.");
  await sam.getByTestId("one-to-one-send").click();
  await expect(sam.getByTestId("thread-message").filter({ hasText: "Your transcript arrived" })).toBeVisible();
  await expect(sam.getByTestId("conversation-phone")).toBeVisible();
  await expect(sam.getByTestId("inbox-participating").getByTestId("inbox-item").first()).toContainText(
    "Your transcript arrived",
  );

  // A contact who texted STOP can't be texted: the reason is shown and the message stays.
  const stopped = uniquePhone();
  await textFromContact(stopped, "+16175550191", "STOP");
  await sam.getByTestId("one-to-one-start").click();
  await sam.getByTestId("one-to-one-phone").fill(stopped);
  await sam.getByTestId("one-to-one-body").fill("Are you still interested?");
  await expect(async () => {
    await sam.getByTestId("one-to-one-send").click();
    await expect(sam.getByTestId("one-to-one-error")).toContainText("opted out", { timeout: 1000 });
  }).toPass();
  await expect(sam.getByTestId("one-to-one-body")).toHaveValue("Are you still interested?");
  await context.close();
});
