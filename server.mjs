// Vaultline's server: `npm start` (production build) and `npm run dev` (`--dev`). It is Next.js
// with one addition: the app is told who opened the connection. Next's route handlers and
// server components never see the socket, and `next start` passes a client's X-Forwarded-For
// through untouched, so without this a directly exposed server could only believe whatever
// address a client chose to claim (lib/session/client-address.ts decides the address from it).
//
// Every request gets the socket's remote address in PEER_ADDRESS_HEADER, overwriting anything a
// client sent under that name, plus this process's random key in PEER_KEY_HEADER. The app
// believes the address only when the key matches VAULTLINE_PEER_KEY, which exists nowhere but in
// this process's environment: under plain `next start` a client could send the header itself,
// so there the app refuses to start (lib/env.ts) and would treat the address as unknown anyway.
// The header names are mirrored in lib/session/client-address.ts, which checks the key.
//
// It is also the front door: a request no part of the app can answer is refused here with a
// clear 4xx before Next parses it (Next itself answers TRACE, an oversized server-action body
// and a request target that does not decode with a 500).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import nextEnv from "@next/env";

const PEER_ADDRESS_HEADER = "x-vaultline-peer-address";
const PEER_KEY_HEADER = "x-vaultline-peer-key";

// GET/HEAD/POST for pages, forms and server actions, DELETE for the API's sign-out, OPTIONS for
// anyone asking. TRACE would echo the request (cookies included) back; the rest have no use here.
const ALLOWED_METHODS = ["GET", "HEAD", "POST", "DELETE", "OPTIONS"];

// No form or API call of the bank sends more than a few kilobytes; 64 KB is generous, and far
// below Next's own 1 MB server-action limit, which it enforces with a 500. A body must declare
// its length so the limit holds before a byte of it is read.
const MAX_BODY_BYTES = 64 * 1024;

/** The refusal for a request the app must not see, or null. */
function frontDoorRefusal(req) {
  if (!isRoutableTarget(req.url)) return { status: 400, message: "The address of this request is not valid." };
  if (!ALLOWED_METHODS.includes(req.method ?? "")) {
    return {
      status: 405,
      message: `This method is not allowed. Use ${ALLOWED_METHODS.join(", ")}.`,
      headers: { Allow: ALLOWED_METHODS.join(", ") },
    };
  }
  const length = req.headers["content-length"];
  if (length === undefined && req.headers["transfer-encoding"] !== undefined) {
    return { status: 411, message: "Send the body with a Content-Length header." };
  }
  if (Number(length ?? 0) > MAX_BODY_BYTES) {
    return { status: 413, message: `The body is too large: at most ${MAX_BODY_BYTES / 1024} KB is accepted.` };
  }
  return null;
}

const REFUSAL_CODES = { 400: "bad_request", 405: "method_not_allowed", 411: "length_required", 413: "body_too_large" };

/** The API's JSON error shape under /api, a short text elsewhere. */
function refuse(req, res, { status, message, headers = {} }) {
  const api = req.url?.startsWith("/api/");
  res.writeHead(status, {
    ...headers,
    "Content-Type": api ? "application/json" : "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    // The body is not read: the connection closes rather than parse what follows as a request.
    Connection: "close",
  });
  res.end(api ? JSON.stringify({ error: REFUSAL_CODES[status], message }) : message);
}

const dev = process.argv.includes("--dev");
const peerKey = randomBytes(32).toString("base64url");

// As `next start` / `next dev` would; set before Next (and React) load, which read it once.
process.env.NODE_ENV ??= dev ? "development" : "production";
// The .env files, read by Next's own loader as `next dev` / `next start` read them (.env,
// .env.development or .env.production, each with its .local), so PORT may come from one too.
// lib/env.ts checks every value once the app starts.
nextEnv.loadEnvConfig(process.cwd(), dev);
const port = Number(process.env.PORT || 3000);
process.env.VAULTLINE_PEER_KEY = peerKey;

const { default: next } = await import("next");
const app = next({ dev, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const refusal = frontDoorRefusal(req);
  if (refusal) return refuse(req, res, refusal);
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  req.headers[PEER_KEY_HEADER] = peerKey;
  handle(req, res);
});
// Node hands CONNECT (a request to open a tunnel) to this event instead; unanswered, the
// client would hang until the socket times out.
server.on("connect", (_req, socket) => {
  socket.end(
    "HTTP/1.1 405 Method Not Allowed\r\nAllow: " +
      ALLOWED_METHODS.join(", ") +
      "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
  );
});
server.listen(port, () => {
  console.log(`> Vaultline ${dev ? "(development) " : ""}ready on http://localhost:${port}`);
});

// The request target must be a path whose percent-escapes decode. Next.js answers anything else
// with a 500: "/accounts/%ff" fails its own decoding and it then looks for a pages/_error to
// render the 400 with, which an app-router build does not have; "OPTIONS *" is not a URL to it;
// and an absolute-form target ("GET http://evil.example/") would be redirected to that host.
// Only a proxy needs those forms, and this server is not one: a clear 400 instead.
function isRoutableTarget(target) {
  if (!target?.startsWith("/")) return false;
  try {
    decodeURIComponent(target.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}
