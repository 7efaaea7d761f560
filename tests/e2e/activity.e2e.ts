/**
 * A campaign's Activity tab worked by several agents at once (separate browser contexts): live
 * sections, inbound texts, delivery icons, the composer, tags, presence, keyboard paths and axe.
 * Each test makes its own campaign, with its own number at the Twilio simulator and new contacts.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { api } from "../../convex/_generated/api.js";
import {
  activeCampaign,
  backendAs,
  DEMO,
  expectAccessible,
  signIn,
  syncLink,
  textFromContact,
  uniquePhone,
  type TestContact,
} from "./helpers.ts";

function contacts(...names: string[]): TestContact[] {
  return names.map((name) => {
    const [firstName, lastName] = name.split(" ");
    return { firstName, lastName, phone: uniquePhone() };
  });
}

async function agent(browser: Browser, email: string, campaignId: string): Promise<Page> {
  return agentIn(await browser.newContext(), email, campaignId);
}

async function agentIn(context: BrowserContext, email: string, campaignId: string): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto(`/campaigns/${campaignId}/activity`);
  return page;
}

const row = (page: Page, section: string, name: string) =>
  page.getByTestId(`section-${section}`).getByTestId("conversation-row").filter({ hasText: name });

async function open(page: Page, section: string, name: string) {
  await row(page, section, name).click();
  await expect(page.getByTestId("conversation-name")).toHaveText(name);
}

test("conversations move between sections on every screen as agents act, and inbound texts arrive live", async ({
  browser,
}) => {
  const people = contacts("Ada Lovelace", "Ben Franklin");
  const title = `Open house ${Date.now()}`;
  const { campaignId, number } = await activeCampaign({ as: DEMO.sam, office: "Admissions", contacts: people, title });
  const riley = await agent(browser, DEMO.riley, campaignId);
  const sam = await agent(browser, DEMO.sam, campaignId);
  await expect(riley.getByTestId("page-title")).toContainText(title);

  await expect(row(riley, "agent", "Ada Lovelace")).toBeVisible();
  await expect(riley.getByTestId("section-needsAttention")).toHaveCount(0);
  await expect(riley.getByTestId("section-va")).toHaveCount(0);

  // A contact texts back: agent-operated, so it needs attention — on both screens, no reload.
  await textFromContact(people[0].phone, number, "When is the open house?");
  await expect(row(riley, "needsAttention", "Ada Lovelace")).toContainText("When is the open house?");
  await expect(row(sam, "needsAttention", "Ada Lovelace")).toBeVisible();

  // Sam hands it to the Virtual Assistant: it leaves Needs attention for the VA section on Riley's screen.
  await open(sam, "needsAttention", "Ada Lovelace");
  await sam.getByTestId("toggle-operated-by").click();
  await expect(row(riley, "va", "Ada Lovelace")).toBeVisible();
  await expect(riley.getByTestId("section-needsAttention")).toHaveCount(0);

  // Sam marks it as needing attention again, then replies: the reply clears it.
  await sam.getByTestId("toggle-needs-attention").click();
  await expect(row(riley, "needsAttention", "Ada Lovelace")).toBeVisible();
  await sam.getByTestId("composer-input").fill("Friday at 5pm in the main hall.");
  await sam.getByTestId("composer-input").press("Enter");
  await expect(row(riley, "va", "Ada Lovelace")).toContainText("Friday at 5pm");
  await expect(riley.getByTestId("section-needsAttention")).toHaveCount(0);

  // Back to an agent.
  await sam.getByTestId("toggle-operated-by").click();
  await expect(row(riley, "agent", "Ada Lovelace")).toBeVisible();
  await expect(riley.getByTestId("section-va")).toHaveCount(0);
  await sam.context().close();
  await riley.context().close();
});

test("the Virtual Assistant answers what it knows live, hands the rest to agents; HELP, STOP and START need nobody", async ({
  browser,
}) => {
  const people = contacts("Val Aid", "Wes Aid", "Xan Aid");
  const { campaignId, number } = await activeCampaign({
    as: DEMO.sam,
    office: "Financial Aid",
    contacts: people,
    operatedBy: "va",
  });
  const page = await agent(browser, DEMO.sam, campaignId);
  await expect(page.getByTestId("section-va").getByTestId("conversation-row")).toHaveCount(3);

  // A question in the knowledge base: the assistant answers at once, and nobody is asked to.
  await textFromContact(people[0].phone, number, "wats the fafsa deadline?");
  await expect(row(page, "va", "Val Aid")).toContainText("March 1");
  await open(page, "va", "Val Aid");
  const answer = page.getByTestId("thread-message").filter({ hasText: "March 1" });
  await expect(answer).toHaveAttribute("data-direction", "outbound");
  await expect(answer).toContainText("Virtual Assistant");
  await expect(page.getByTestId("section-needsAttention")).toHaveCount(0);

  // HELP gets the organization's help text from Parley itself; still nobody needs to look.
  await textFromContact(people[0].phone, number, "HELP");
  await expect(page.getByTestId("thread-message").last()).toContainText("Parley ·");
  await expect(page.getByTestId("thread-message").last()).toHaveAttribute("data-direction", "outbound");
  await expect(page.getByTestId("section-needsAttention")).toHaveCount(0);

  // A question it can't answer (the fallback is "hand to an agent"): Needs attention, on this screen live.
  await textFromContact(people[1].phone, number, "Can I bring my dog to the campus tour?");
  await expect(row(page, "needsAttention", "Wes Aid")).toContainText("bring my dog");

  // STOP opts the contact out, without raising Needs attention.
  await textFromContact(people[2].phone, number, "STOP");
  await expect(row(page, "va", "Xan Aid")).toContainText("Opted out");
  await expect(page.getByTestId("section-needsAttention").getByTestId("conversation-row")).toHaveCount(1);
  // START opts them back in: the screen follows, and still nobody is asked to look.
  await textFromContact(people[2].phone, number, "START");
  await expect(row(page, "va", "Xan Aid")).not.toContainText("Opted out");
  await expect(page.getByTestId("section-needsAttention").getByTestId("conversation-row")).toHaveCount(1);
  await page.context().close();
});

test("a text Twilio has accepted but not sent yet (queued) shows the green check, not pending", async ({ browser }) => {
  const people = contacts("Quinn Queue");
  const { campaignId, number } = await activeCampaign({ as: DEMO.sam, office: "Admissions", contacts: people });
  // One segment per 100 s at the simulator: the first reply books the sender, the second waits queued.
  await fetch(`${process.env.PARLEY_E2E_TWILIO_URL}/sim/throughput`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ number, segmentsPerSecond: 0.01 }),
  });
  const sam = await agent(browser, DEMO.sam, campaignId);
  await open(sam, "agent", "Quinn Queue");
  for (const text of ["First in line", "Second in line"]) {
    await sam.getByTestId("composer-input").fill(text);
    await sam.getByTestId("composer-input").press("Enter");
    await expect(sam.getByTestId("thread-message").filter({ hasText: text })).toBeVisible();
  }
  const second = sam
    .getByTestId("thread-message")
    .filter({ hasText: "Second in line" })
    .getByTestId("message-status-icon");
  await expect(second).toHaveAttribute("data-status", "queued");
  await expect(second).toHaveAttribute("data-kind", "sent");
  await expect(second).toHaveAttribute("aria-label", "Sent: accepted by Twilio");
  await sam.context().close();
});

test("a reply shows at once, then its delivery status as the simulator reports it; failures say why", async ({
  browser,
}) => {
  const people = contacts("Cleo Patra", "Dan Landline");
  const { campaignId } = await activeCampaign({ as: DEMO.sam, office: "Admissions", contacts: people });
  await fetch(`${process.env.PARLEY_E2E_TWILIO_URL}/sim/rules`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ number: people[1].phone, kind: "landline" }),
  });
  const sam = await agent(browser, DEMO.sam, campaignId);
  const riley = await agent(browser, DEMO.riley, campaignId);

  await open(sam, "agent", "Cleo Patra");
  await open(riley, "agent", "Cleo Patra");
  await sam.getByTestId("composer-input").fill("Your application is complete!");
  await sam.getByTestId("composer-send").click();
  const mine = sam.getByTestId("thread-message").filter({ hasText: "Your application is complete!" });
  await expect(mine).toBeVisible();
  await expect(sam.getByTestId("composer-input")).toHaveValue("");

  // Riley watches the status move to delivered: a green check, in the thread and in the list.
  const seen = riley.getByTestId("thread-message").filter({ hasText: "Your application is complete!" });
  await expect(seen).toHaveAttribute("data-direction", "outbound");
  await expect(seen.getByTestId("message-status-icon")).toHaveAttribute("data-status", "delivered");
  await expect(seen.getByTestId("message-status-icon")).toHaveAttribute("data-kind", "sent");
  await expect(row(riley, "agent", "Cleo Patra").getByTestId("conversation-row-status")).toHaveAttribute(
    "data-status",
    "delivered",
  );

  // A landline: undelivered, a red circle whose reason is in its name and shows on hover.
  await open(riley, "agent", "Dan Landline");
  await riley.getByTestId("composer-input").fill("Are you there?");
  await riley.getByTestId("composer-input").press("Enter");
  const failed = riley
    .getByTestId("thread-message")
    .filter({ hasText: "Are you there?" })
    .getByTestId("message-status-icon");
  await expect(failed).toHaveAttribute("data-kind", "failed");
  await expect(failed).toHaveAttribute("aria-label", /Undelivered: .*landline/i);
  await failed.hover();
  await expect(riley.getByTestId("message-status-tooltip")).toContainText(/landline/i);
  await expect(row(riley, "agent", "Dan Landline").getByTestId("conversation-row-status")).toHaveAttribute(
    "data-status",
    "undelivered",
  );
  await sam.context().close();
  await riley.context().close();
});

test("the composer: undo and redo, select all, emoji, the segment counter and the 1,600 limit", async ({ browser }) => {
  const { campaignId } = await activeCampaign({
    as: DEMO.sam,
    office: "Admissions",
    contacts: contacts("Eve Composer"),
  });
  const page = await agent(browser, DEMO.riley, campaignId);
  await open(page, "agent", "Eve Composer");
  const input = page.getByTestId("composer-input");
  const counter = page.getByTestId("composer-counter");

  await input.pressSequentially("Hello ");
  await input.pressSequentially("world");
  await expect(counter).toContainText("11 / 1,600 characters · 1 segment (GSM-7)");
  await page.getByTestId("composer-undo").click();
  await expect(input).toHaveValue("Hello ");
  await input.press("ControlOrMeta+z");
  await expect(input).toHaveValue("");
  await page.getByTestId("composer-redo").click();
  await expect(input).toHaveValue("Hello ");
  await input.press("ControlOrMeta+Shift+z");
  await expect(input).toHaveValue("Hello world");
  await input.press("ControlOrMeta+z");
  await input.press("Control+y");
  await expect(input).toHaveValue("Hello world");

  // Select all, then type over it.
  await page.getByTestId("composer-select-all").click();
  await input.pressSequentially("Hi");
  await expect(input).toHaveValue("Hi");

  // An emoji goes in at the caret, makes the text UCS-2, and is undoable.
  await page.getByTestId("composer-emoji").click();
  await page.locator("emoji-picker").getByRole("menuitem").first().click();
  await expect(input).not.toHaveValue("Hi");
  await expect(counter).toContainText("UCS-2");
  await page.getByTestId("composer-undo").click();
  await expect(input).toHaveValue("Hi");

  // Segments, then the limit: sending is blocked past 1,600 characters, and the counter says why.
  await input.fill("a".repeat(161));
  await expect(counter).toContainText("2 segments");
  await input.fill("a".repeat(1601));
  await expect(counter).toContainText("1 character over the 1,600 limit");
  await expect(page.getByTestId("composer-send")).toBeDisabled();
  await input.press("Enter");
  await expect(input).toHaveValue("a".repeat(1601));

  // A draft stays with its conversation while the person goes elsewhere.
  await input.fill("Draft to keep");
  await page.getByTestId("nav-inbox").click();
  await expect(page.getByTestId("page-title")).toHaveText("Inbox");
  await page.goBack();
  await expect(page.getByTestId("composer-input")).toHaveValue("Draft to keep");
  await page.context().close();
});

test("a section renders only the rows in view and loads pages as the person scrolls", async ({ browser }) => {
  const many = Array.from({ length: 120 }, (_, i) => ({
    firstName: `Row${String(i).padStart(3, "0")}`,
    lastName: "Many",
    phone: uniquePhone(),
  }));
  const { campaignId } = await activeCampaign({ as: DEMO.sam, office: "Admissions", contacts: many });
  const page = await agent(browser, DEMO.riley, campaignId);
  const section = page.getByTestId("section-agent");
  await expect(section.getByTestId("section-agent-count")).toHaveText("120");
  const rendered = section.getByTestId("conversation-row");
  await expect(rendered.first()).toBeVisible();
  expect(await rendered.count()).toBeLessThan(40);
  // Scroll to the end again and again: pages load until all 120 are there, still only a screenful drawn.
  const list = section.getByRole("list");
  await expect(async () => {
    await section.locator("div.overflow-y-auto").evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(list.locator("li").last()).toHaveAttribute("aria-posinset", "120", { timeout: 1000 });
  }).toPass();
  expect(await rendered.count()).toBeLessThan(40);
  await expect(list.locator("li").last()).toHaveAttribute("aria-setsize", "120");

  // Opening a conversation keeps every loaded page and the place in the list: the sections'
  // queries don't start over because the URL changed.
  const name = (await rendered.last().getByTestId("conversation-row-name").textContent()) ?? "";
  await rendered.last().click();
  await expect(page.getByTestId("conversation-name")).toHaveText(name);
  await expect(page.getByTestId("thread-message").first()).toBeVisible();
  await expect(list.locator("li").last()).toHaveAttribute("aria-setsize", "120");
  await expect(rendered.filter({ hasText: name })).toBeInViewport();
  await page.context().close();
});

test("a long thread shows the newest messages at the bottom and loads older ones on scrolling up", async ({
  browser,
}) => {
  const { campaignId, conversationIds } = await activeCampaign({
    as: DEMO.sam,
    office: "Admissions",
    contacts: contacts("Nia Longthread"),
  });
  const sam = await backendAs(DEMO.sam);
  for (let i = 1; i <= 40; i++)
    await sam.mutation(api.conversations.sendReply, { conversationId: conversationIds[0], body: `Note ${i}` });
  const page = await agent(browser, DEMO.riley, campaignId);
  await open(page, "agent", "Nia Longthread");
  const messages = page.getByTestId("thread-message");
  await expect(messages.last()).toContainText("Note 40");
  await expect(messages).toHaveCount(30);
  await expect(page.getByTestId("thread").getByText("Hi Nia, this is a test.")).toHaveCount(0);
  await page.getByTestId("thread").evaluate((el) => (el.scrollTop = 0));
  await expect(messages).toHaveCount(41);
  await expect(messages.first()).toContainText("Hi Nia, this is a test.");
  await page.context().close();
});

test("a send the server refuses puts the text back with the reason (opted-out contact)", async ({ browser }) => {
  const people = contacts("Fay Optout");
  const { campaignId, conversationIds } = await activeCampaign({
    as: DEMO.sam,
    office: "Admissions",
    contacts: people,
  });
  const context = await browser.newContext();
  const link = await syncLink(context);
  const page = await agentIn(context, DEMO.riley, campaignId);
  await open(page, "agent", "Fay Optout");
  // The thread has loaded (its campaign text shows) before the link goes down: a thread still
  // loading when the link drops would stay "Loading messages…" until it comes back.
  await expect(page.getByTestId("thread-message").first()).toBeVisible();
  const input = page.getByTestId("composer-input");
  await input.fill("Can we talk tomorrow?");

  // The contact is opted out while this screen's link is down, so it doesn't know yet when it sends.
  link.hold();
  const sam = await backendAs(DEMO.sam);
  const contact = await sam.query(api.conversations.get, { conversationId: conversationIds[0] });
  await sam.mutation(api.contacts.optOut, { contactId: contact.contactId, context: { conversationId: contact._id } });
  await input.press("Enter");
  await expect(page.getByTestId("thread-message").filter({ hasText: "Can we talk tomorrow?" })).toBeVisible();
  await expect(input).toHaveValue("");
  link.release();

  await expect(page.getByTestId("composer-error")).toContainText("opted out");
  await expect(input).toHaveValue("Can we talk tomorrow?");
  await expect(page.getByTestId("conversation-opted-out")).toBeVisible();
  await page.context().close();
});

test("Opt out asks first, then the contact shows as opted out and the composer says why it can't send; only an admin lifts it", async ({
  browser,
}) => {
  const { campaignId } = await activeCampaign({ as: DEMO.sam, office: "Admissions", contacts: contacts("Oli Stop") });
  const page = await agent(browser, DEMO.riley, campaignId);
  await open(page, "agent", "Oli Stop");
  await page.getByTestId("composer-input").fill("Draft before the opt-out");
  await page.getByTestId("conversation-opt-out").click();
  await expect(page.getByTestId("confirm-dialog")).toContainText("no more texts");
  await expectAccessible(page);
  await page.getByTestId("confirm-dialog-confirm").click();
  await expect(page.getByTestId("conversation-opted-out")).toBeVisible();
  await expect(page.getByTestId("conversation-opt-out")).toHaveCount(0);
  await expect(page.getByTestId("composer-input")).toBeDisabled();
  await expect(page.getByTestId("composer-input")).toHaveValue("Draft before the opt-out");
  await expect(page.getByTestId("composer-input")).toHaveAttribute("placeholder", /opted out/);
  await expect(row(page, "agent", "Oli Stop")).toContainText("Opted out");

  // Only an administrator may lift it; the lift reaches the agent's screen live, draft intact.
  await expect(page.getByTestId("conversation-lift-opt-out")).toHaveCount(0);
  const admin = await agent(browser, DEMO.admin, campaignId);
  await open(admin, "agent", "Oli Stop");
  await admin.getByTestId("conversation-lift-opt-out").click();
  await expect(admin.getByTestId("confirm-dialog")).toContainText("will get texts again");
  await admin.getByTestId("confirm-dialog-confirm").click();
  await expect(page.getByTestId("conversation-opted-out")).toHaveCount(0);
  await expect(page.getByTestId("composer-input")).toBeEnabled();
  await expect(page.getByTestId("composer-input")).toHaveValue("Draft before the opt-out");
  await expect(row(page, "agent", "Oli Stop")).not.toContainText("Opted out");
  await admin.context().close();
  await page.context().close();
});

test("tags: Enter adds, at most 3 of at most 30 characters, said inline; the tag filter (any of several) and search narrow the list", async ({
  browser,
}) => {
  const { campaignId } = await activeCampaign({
    as: DEMO.sam,
    office: "Admissions",
    contacts: contacts("Gus Tagged", "Hal Plain"),
  });
  const page = await agent(browser, DEMO.riley, campaignId);
  await open(page, "agent", "Gus Tagged");
  const input = page.getByTestId("conversation-tag-input");
  for (const tag of ["Nursing", "Transfer", "Visit"]) {
    await input.fill(tag);
    await input.press("Enter");
    await expect(page.getByTestId("conversation-tag").filter({ hasText: tag })).toBeVisible();
  }
  await input.fill("Scholarship");
  await input.press("Enter");
  await expect(page.getByTestId("conversation-tag-error")).toContainText("at most 3 tags");
  await expect(input).toHaveValue("Scholarship");
  await page.getByRole("button", { name: "Remove tag Visit" }).click();
  await input.fill("x".repeat(31));
  await input.press("Enter");
  await expect(page.getByTestId("conversation-tag-error")).toContainText("at most 30 characters");
  await expect(page.getByTestId("conversation-tag")).toHaveCount(2);

  await open(page, "agent", "Hal Plain");
  await input.fill("Housing");
  await input.press("Enter");
  await expect(page.getByTestId("conversation-tag").filter({ hasText: "Housing" })).toBeVisible();

  // The Conversation Tags dropdown takes several tags: conversations with any of them show.
  const option = (tag: string) => page.locator(`[data-testid="activity-tag-filter-option"][data-value="${tag}"]`);
  await page.getByTestId("activity-tag-filter").click();
  await option("nursing").click();
  await expect(page).toHaveURL(/tags=nursing(&|$)/);
  await expect(page.getByTestId("conversation-row")).toHaveCount(1);
  await expect(page.getByTestId("conversation-row-name")).toHaveText("Gus Tagged");
  await expect(option("nursing")).toHaveAttribute("aria-selected", "true");
  await option("housing").click();
  await expect(page).toHaveURL(/tags=nursing%2Chousing/);
  await expect(page.getByTestId("conversation-row")).toHaveCount(2);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("activity-tag-filter")).toContainText("nursing, housing");
  // The selection is in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByTestId("activity-tag-filter")).toContainText("nursing, housing");
  await expect(page.getByTestId("conversation-row")).toHaveCount(2);
  await page.getByTestId("activity-tag-filter").click();
  await option("housing").click();
  await expect(page.getByTestId("conversation-row")).toHaveCount(1);
  await option("nursing").click();
  await expect(page).not.toHaveURL(/tags=/);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("conversation-row")).toHaveCount(2);

  await page.getByTestId("activity-search").fill("Plain");
  await expect(page.getByTestId("conversation-row")).toHaveCount(1);
  await expect(page.getByTestId("conversation-row-name")).toHaveText("Hal Plain");
  await page.context().close();
});

test("presence: one agent sees who else is viewing and who is typing", async ({ browser }) => {
  const { campaignId } = await activeCampaign({
    as: DEMO.sam,
    office: "Admissions",
    contacts: contacts("Ivy Presence", "Jon Other"),
  });
  const riley = await agent(browser, DEMO.riley, campaignId);
  const sam = await agent(browser, DEMO.sam, campaignId);
  await open(riley, "agent", "Ivy Presence");
  await expect(row(sam, "agent", "Ivy Presence").getByTestId("conversation-row-viewing")).toContainText(
    "Riley is viewing",
  );
  await open(sam, "agent", "Ivy Presence");
  await expect(sam.getByTestId("conversation-viewers")).toContainText("Riley is viewing");
  await riley.getByTestId("composer-input").pressSequentially("Let me check");
  await expect(sam.getByTestId("thread-typing")).toHaveText("Riley is typing…");
  // Riley moves on: Sam stops seeing Riley in that conversation.
  await open(riley, "agent", "Jon Other");
  await expect(sam.getByTestId("conversation-viewers")).toHaveCount(0);
  await expect(row(sam, "agent", "Jon Other").getByTestId("conversation-row-viewing")).toBeVisible();
  await sam.context().close();
  await riley.context().close();
});

test("keyboard: j/k move, r focuses the reply, n and v toggle, ? lists them; typing doesn't trigger them; axe", async ({
  browser,
}) => {
  const { campaignId } = await activeCampaign({
    as: DEMO.sam,
    office: "Admissions",
    contacts: contacts("Kim Keys", "Lou Keys"),
  });
  const page = await agent(browser, DEMO.riley, campaignId);
  await expect(page.getByTestId("conversation-row")).toHaveCount(2);
  await expectAccessible(page);

  await page.keyboard.press("j");
  const first = await page.getByTestId("conversation-name").textContent();
  await page.keyboard.press("j");
  await expect(page.getByTestId("conversation-name")).not.toHaveText(first ?? "");
  await page.keyboard.press("k");
  await expect(page.getByTestId("conversation-name")).toHaveText(first ?? "");

  // Arrows move while the list has focus, and focus follows the selection.
  await page
    .getByTestId("conversation-row")
    .filter({ hasText: first ?? "" })
    .focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("conversation-name")).not.toHaveText(first ?? "");
  await expect(page.locator('[data-testid="conversation-row"][aria-current="true"]')).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByTestId("conversation-name")).toHaveText(first ?? "");

  await page.keyboard.press("n");
  await expect(page.getByTestId("toggle-needs-attention")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("section-needsAttention").getByTestId("conversation-row")).toHaveCount(1);
  await page.keyboard.press("v");
  await expect(page.getByTestId("toggle-operated-by")).toHaveAttribute("data-operated-by", "va");

  await page.keyboard.press("r");
  await expect(page.getByTestId("composer-input")).toBeFocused();
  await page.keyboard.type("jkn?");
  await expect(page.getByTestId("composer-input")).toHaveValue("jkn?");
  await expect(page.getByTestId("help-overlay")).toHaveCount(0);

  await page.getByTestId("thread").focus();
  await page.keyboard.press("?");
  await expect(page.getByTestId("help-overlay")).toContainText("Turn Needs attention on or off");
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("help-overlay")).toHaveCount(0);
  await expectAccessible(page);
  await page.context().close();
});
