// The portal page's script. The server wraps it in a function together with each
// section's script (which calls `section(...)`) and a final `start()`; `data` is the
// JSON the server embeds: locale, text, API path, CSRF token, business name.
const data = JSON.parse(document.getElementById("portal-data").textContent);
const sections = [];

function t(key, values) {
  let text = Object.hasOwn(data.text, key) ? data.text[key] : key;
  for (const [name, value] of Object.entries(values || {})) {
    text = text.split(`{${name}}`).join(String(value));
  }
  return text;
}

// Minor units to an exact decimal string ("12345" with exponent 2 -> "123.45"), which
// Intl.NumberFormat formats without going through a binary float.
function decimal(minor, exponent) {
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent ? "." + digits.slice(digits.length - exponent) : "";
  return (minor < 0 ? "-" : "") + whole + fraction;
}

function money(minor, currency, exponent, signed) {
  return new Intl.NumberFormat(data.locale, {
    style: "currency",
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(decimal(minor, exponent));
}

function date(iso) {
  return new Intl.DateTimeFormat(data.locale, { dateStyle: "medium" }).format(new Date(iso));
}

function dateTime(iso) {
  return new Intl.DateTimeFormat(data.locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

// Builds elements without innerHTML: every value reaches the page as text.
function el(tag, attributes, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  node.append(...(children || []));
  return node;
}

// A section's status line: `say(text, "ok" | "error")` shows text (styled by kind).
function teller(element) {
  return (text, kind) => {
    element.textContent = text;
    element.dataset.kind = kind || "";
  };
}

function sessionEnded() {
  document.querySelector("main").replaceChildren(
    el("p", { class: "notice", role: "alert" }, [t("session-ended", { business: data.business })]),
  );
}

// Calls a portal JSON route. Never throws: a network failure is status 0; a 401 (the
// session has ended) also replaces the page with a notice.
async function api(path, options) {
  const { method = "GET", body } = options || {};
  const headers = { accept: "application/json" };
  if (method !== "GET") headers["x-csrf-token"] = data.csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  try {
    const response = await fetch(data.api + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
    if (response.status === 401) sessionEnded();
    const json = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, body: json };
  } catch {
    return { ok: false, status: 0, body: {} };
  }
}

function failed(root) {
  return () => {
    const message = el("p", { class: "message", "data-kind": "error", role: "alert" }, [t("error-generic")]);
    root.querySelector("[data-failure]")?.remove();
    message.setAttribute("data-failure", "");
    root.append(message);
  };
}

// A section's table a page at a time, with its pager (previous, next, the page number)
// and its empty text: `read(number)` answers the page's rows and whether a next page
// has any. Loads the first page.
function paged(root, read) {
  const table = root.querySelector(".table-scroll");
  const rows = root.querySelector("[data-rows]");
  const empty = root.querySelector("[data-empty]");
  const pager = root.querySelector("[data-pager]");
  const label = root.querySelector("[data-page]");
  const previous = root.querySelector('[data-action="previous"]');
  const next = root.querySelector('[data-action="next"]');
  let pageNumber = 0;
  const load = async (number) => {
    previous.disabled = next.disabled = true;
    const page = await read(number);
    pageNumber = number;
    rows.replaceChildren(...page.rows);
    const none = page.rows.length === 0 && number === 0;
    table.hidden = none;
    empty.hidden = !none;
    pager.hidden = number === 0 && !page.hasMore;
    previous.disabled = number === 0;
    next.disabled = !page.hasMore;
    label.textContent = t("ledger-page", { n: number + 1 });
  };
  previous.addEventListener("click", () => load(pageNumber - 1).catch(failed(root)));
  next.addEventListener("click", () => load(pageNumber + 1).catch(failed(root)));
  return load(0);
}

function section(id, init) {
  sections.push([id, init]);
}

const portal = { t, api, money, date, dateTime, el, failed, paged, teller };

function start() {
  for (const [id, init] of sections) {
    const root = document.getElementById(`section-${id}`);
    if (root) Promise.resolve().then(() => init(root, portal)).catch(failed(root));
  }
}
