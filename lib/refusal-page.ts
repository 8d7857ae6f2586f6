// What the proxy answers when it refuses a request before any page runs (a write from another
// site, an ambiguous query string, a body Next cannot read): a small page for a person in a
// browser, the same sentence as plain text for anything else. Its look comes from a static
// stylesheet (public/refusal.css), not from inline styles, so the page lives under the same
// Content-Security-Policy as every other (style-src 'self'); the app's own stylesheet is built
// under a hashed name the proxy cannot know.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";

const TITLE = "Request refused";

/** The look of the pages the proxy answers itself (this one and the outage's, lib/outage.ts). */
export const PROXY_PAGE_STYLESHEET = "/refusal.css";

/** The refusal, as a page where a browser navigates (it asks for HTML), else as plain text. */
export function refusalAnswer(request: NextRequest, status: number, message: string): NextResponse {
  if (!wantsPage(request)) {
    return new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new NextResponse(refusalPage(message), { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// A server action's fetch (Next's client reads a text/plain error as the error's message) and
// programs (curl, fetch) get the text; a form submitted or a page opened in a browser asks for HTML.
function wantsPage(request: NextRequest): boolean {
  if (request.headers.has("next-action")) return false;
  return (request.headers.get("accept") ?? "").includes("text/html");
}

function refusalPage(message: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${TITLE} · Vaultline</title><link rel="stylesheet" href="${PROXY_PAGE_STYLESHEET}"></head>
<body>
<main>
<p class="brand">Vaultline</p>
<h1>${TITLE}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/dashboard">Go to your accounts</a></p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}
