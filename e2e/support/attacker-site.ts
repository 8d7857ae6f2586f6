// An attacker's web page for cross-site request tests: a tiny HTTP server on a free port that
// serves one page (an auto-submitting form aimed at the bank, a look-alike, a decoy) and records
// every request it gets (what a payload sent it). Reached as http://127.0.0.1:<port>
// it is another *site* than http://localhost:<bank port> (SameSite keeps the session cookie
// out); reached as http://localhost:<port> it is the same site but another *origin* (the cookie
// rides along, since SameSite ignores ports), the harder case.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type AttackerHost = "127.0.0.1" | "localhost";

export type ForgedForm = {
  /** Absolute URL on the bank the form posts to. */
  action: string;
  fields: Record<string, string>;
  enctype?: "application/x-www-form-urlencoded" | "multipart/form-data";
};

export type AttackerSite = {
  url: (host: AttackerHost) => string;
  /** Every path and query string the site was asked for, in order: what it captured. */
  requests: string[];
  close: () => Promise<void>;
};

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The page a victim is lured to: it submits the forged form as soon as it loads. */
export function forgedFormPage(form: ForgedForm): string {
  const inputs = Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const enctype = form.enctype ?? "application/x-www-form-urlencoded";
  return `<!doctype html><title>You won a prize</title>
<form id="forged" method="POST" action="${escapeHtml(form.action)}" enctype="${enctype}">${inputs}</form>
<script>document.getElementById("forged").submit()</script>`;
}

/** Serves `html` at every path on a free port (all interfaces, so both host names reach it). */
export async function startAttackerSite(html: string): Promise<AttackerSite> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? "");
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (host) => `http://${host}:${port}/`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
