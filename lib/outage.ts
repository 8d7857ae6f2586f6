// The answers while the database cannot be reached: a 503 with Retry-After, in the form the
// caller understands, and never a stack trace. proxy.ts gives them before anything runs; the
// route handlers give them when an outage catches a request half-way (answeringOutage).
import "server-only";
import { NextResponse } from "next/server";
import { serviceUnavailable } from "@/lib/api/errors";
import { failedForOutage } from "@/lib/db-health";
import { answersWithJson } from "@/lib/error-body.mjs";
import { PROXY_PAGE_STYLESHEET } from "@/lib/refusal-page";
import {
  UNAVAILABLE_ACTION_MESSAGE,
  UNAVAILABLE_MESSAGE,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  UNAVAILABLE_TITLE,
} from "@/lib/service-unavailable";

// No script and no inline style, so it needs nothing from a Content-Security-Policy beyond
// style-src 'self': its look is the proxy's static stylesheet, which an outage does not stop
// (proxy.ts serves it without asking the database). Only constants in it.
const PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${UNAVAILABLE_TITLE}</title><link rel="stylesheet" href="${PROXY_PAGE_STYLESHEET}"></head>
<body>
<main>
<p class="brand">Vaultline</p>
<h1>${UNAVAILABLE_TITLE}</h1>
<p>${UNAVAILABLE_MESSAGE}</p>
<p><a href="/">Go to your accounts</a></p>
</main>
</body>
</html>
`;

/** 503: JSON where programs call (/api/, /session/), plain text to a server action, a page to anyone else. */
export function unavailableAnswer(request: Request): Response {
  if (answersWithJson(new URL(request.url).pathname)) return serviceUnavailable();
  const retryAfter = { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) };
  // Next's client turns a server action's text/plain error (exactly that type) into an error
  // with the body as its message, which the error boundary (app/(bank)/error.tsx) recognises.
  if (request.headers.has("next-action")) {
    return new NextResponse(UNAVAILABLE_ACTION_MESSAGE, {
      status: 503,
      headers: { ...retryAfter, "Content-Type": "text/plain" },
    });
  }
  return new NextResponse(PAGE, {
    status: 503,
    headers: { ...retryAfter, "Content-Type": "text/html; charset=utf-8" },
  });
}

/**
 * A route handler that answers 503 when the database goes away while it runs (the proxy's
 * check came before). Any other failure is rethrown: it is a bug, and stays a 500.
 */
export function answeringOutage<Args extends [Request, ...unknown[]]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!(await failedForOutage(error))) throw error;
      return unavailableAnswer(args[0]);
    }
  };
}
