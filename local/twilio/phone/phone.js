// The simulator's phone page: one pane per contact, live from /sim/events. Plain browser
// JavaScript, no build step; every text goes in through textContent.

const $ = (selector, root = document) => root.querySelector(selector);

/** @type {{ numbers: any[], rules: Record<string, any>, conversations: Map<string, any[]>, panes: Map<string, HTMLElement> }} */
const state = { numbers: [], rules: {}, conversations: new Map(), panes: new Map() };
const EXTRA_KEY = "twilio-simulator-contacts";

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error ?? `${method} ${path} answered ${res.status}`);
  return data;
}

function friendly(number) {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : number;
}

function time(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: "numeric", minute: "2-digit", second: "2-digit" });
}

function extraContacts() {
  try {
    return JSON.parse(localStorage.getItem(EXTRA_KEY) ?? "[]");
  } catch {
    return [];
  }
}

function rememberContact(number) {
  const extra = new Set(extraContacts());
  extra.add(number);
  localStorage.setItem(EXTRA_KEY, JSON.stringify([...extra]));
}

function upsert(message) {
  const contact = message.direction === "inbound" ? message.from : message.to;
  const list = state.conversations.get(contact) ?? [];
  const at = list.findIndex((m) => m.sid === message.sid);
  if (at >= 0) list[at] = message;
  else list.push(message);
  state.conversations.set(contact, list);
  return contact;
}

function statusText(m) {
  if (m.direction === "inbound") return `sent to ${friendly(m.to)}`;
  const error = m.errorCode ? ` — ${m.errorCode} ${m.errorMessage ?? ""}` : "";
  return `from ${friendly(m.from)} · ${m.status}${error}`;
}

function renderMessages(pane, contact) {
  const list = $(".messages", pane);
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(
    ...(state.conversations.get(contact) ?? []).map((m) => {
      const item = document.createElement("li");
      const mine = m.direction === "inbound";
      item.className = mine ? "sent" : "received";
      if (!mine && (m.status === "undelivered" || m.status === "failed")) item.classList.add("not-received");
      const bubble = document.createElement("div");
      bubble.className = "bubble";
      bubble.textContent = m.body;
      const meta = document.createElement("div");
      meta.className = `meta status-${m.status}`;
      meta.textContent = `${time(m.dateCreated)} · ${statusText(m)}`;
      item.append(bubble, meta);
      return item;
    }),
  );
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function fillNumbers(select) {
  const current = select.value;
  select.replaceChildren(
    ...state.numbers.map((n) => {
      const option = document.createElement("option");
      option.value = n.phoneNumber;
      option.textContent =
        n.friendlyName && n.friendlyName !== n.phoneNumber ? n.friendlyName : friendly(n.phoneNumber);
      return option;
    }),
  );
  if (state.numbers.some((n) => n.phoneNumber === current)) select.value = current;
}

function lastParleyNumber(contact) {
  const list = state.conversations.get(contact) ?? [];
  const last = [...list].reverse().find((m) => m.direction !== "inbound");
  return last?.from;
}

function createPane(contact) {
  const pane = $("#phone-template").content.firstElementChild.cloneNode(true);
  const id = `contact-${contact.replace(/\W/g, "")}`;
  pane.setAttribute("aria-labelledby", id);
  const heading = $(".contact", pane);
  heading.id = id;
  heading.textContent = friendly(contact);
  $(".messages", pane).setAttribute("aria-label", `Messages with ${friendly(contact)}`);
  const form = $(".compose", pane);
  const error = $(".error", form);
  const textarea = $("textarea", form);
  const to = $("select[name=to]", form);
  fillNumbers(to);
  const replyTo = lastParleyNumber(contact);
  if (replyTo) to.value = replyTo;

  const send = async (body) => {
    error.textContent = "";
    if (!to.value) return void (error.textContent = "The account owns no number to text.");
    if (!body.trim()) return void (error.textContent = "Type a message first.");
    try {
      const { message } = await api("POST", "/sim/inbound", { from: contact, to: to.value, body });
      upsert(message);
      renderMessages(pane, contact);
      return true;
    } catch (e) {
      error.textContent = e.message;
      return false;
    }
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (await send(textarea.value)) textarea.value = "";
    textarea.focus();
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  for (const button of pane.querySelectorAll("[data-keyword]")) {
    button.addEventListener("click", () => void send(button.dataset.keyword));
  }

  const rule = $("select[name=rule]", pane);
  rule.value = state.rules[contact]?.kind ?? "normal";
  rule.setAttribute("aria-label", `Carrier behaviour for ${friendly(contact)}`);
  rule.addEventListener("change", async () => {
    error.textContent = "";
    try {
      await api("POST", "/sim/rules", { number: contact, kind: rule.value });
    } catch (e) {
      error.textContent = e.message;
    }
  });

  state.panes.set(contact, pane);
  $("#phones").prepend(pane);
  $("#empty").hidden = true;
  renderMessages(pane, contact);
  return pane;
}

function showContact(contact) {
  const pane = state.panes.get(contact) ?? createPane(contact);
  renderMessages(pane, contact);
}

async function loadAll() {
  const [numbers, rules, contacts] = await Promise.all([
    api("GET", "/sim/numbers"),
    api("GET", "/sim/rules"),
    api("GET", "/sim/contacts"),
  ]);
  state.numbers = numbers;
  state.rules = rules;
  state.conversations.clear();
  for (const pane of state.panes.values()) pane.remove();
  state.panes.clear();
  $("#no-numbers").hidden = numbers.length > 0;
  const owned = new Set(numbers.map((n) => n.phoneNumber));
  const all = [...contacts.map((c) => c.number).reverse(), ...extraContacts()].filter((c) => !owned.has(c));
  const conversations = await Promise.all(
    [...new Set(all)].map((c) => api("GET", `/sim/conversations/${encodeURIComponent(c)}`)),
  );
  for (const { contact, messages } of conversations) {
    state.conversations.set(contact, messages);
    showContact(contact);
  }
  $("#empty").hidden = state.panes.size > 0;
}

async function refreshNumbers() {
  state.numbers = await api("GET", "/sim/numbers");
  $("#no-numbers").hidden = state.numbers.length > 0;
  for (const pane of state.panes.values()) fillNumbers($("select[name=to]", pane));
}

function listen() {
  const connection = $("#connection");
  const events = new EventSource("/sim/events");
  events.addEventListener("open", () => {
    connection.textContent = "Live";
  });
  events.addEventListener("error", () => {
    connection.textContent = "Reconnecting…";
  });
  events.addEventListener("message", (event) => {
    const e = JSON.parse(event.data);
    if (e.type === "message") {
      if (
        state.numbers.some((n) => n.phoneNumber === (e.message.direction === "inbound" ? e.message.from : e.message.to))
      )
        return;
      showContact(upsert(e.message));
    } else if (e.type === "number") void refreshNumbers();
    else if (e.type === "reset") void loadAll();
  });
}

$("#add-contact").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("#new-contact");
  const error = $("#add-error");
  error.textContent = "";
  const digits = input.value.replace(/[\s().-]/g, "");
  const number = /^\d{10}$/.test(digits) ? `+1${digits}` : /^1\d{10}$/.test(digits) ? `+${digits}` : digits;
  if (!/^\+[1-9]\d{6,14}$/.test(number)) {
    error.textContent = "Enter a phone number such as +1 415 555 0199.";
    input.focus();
    return;
  }
  rememberContact(number);
  showContact(number);
  input.value = "";
  $("textarea", state.panes.get(number)).focus();
});

loadAll()
  .then(listen)
  .catch((e) => {
    $("#connection").textContent = `Could not load: ${e.message}`;
  });
