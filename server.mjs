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
// clear 4xx before Next parses it (Next itself answers TRACE, an oversized server-action body,
// a request target that does not decode and a router-state header it cannot parse with a 500).
// Next's own redirects (a trailing or doubled slash) are answered here too, and every answer
// leaves dressed in the security headers, including those proxy.ts never sees (static files,
// Next's own 404s, Node's parser errors).
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, STATUS_CODES } from "node:http";
import nextEnv from "@next/env";
import { BASELINE_HEADERS, NON_PAGE_CSP, STRICT_TRANSPORT_SECURITY } from "./lib/baseline-headers.mjs";
import { answersWithJson, errorBody, ERRORS } from "./lib/error-body.mjs";
import { logger, REQUEST_ID_HEADER } from "./lib/logger.mjs";
import { isUnreadableRouterState, UNREADABLE_ROUTER_STATE_MESSAGE } from "./lib/router-state-header.mjs";

const PEER_ADDRESS_HEADER = "x-vaultline-peer-address";
const PEER_KEY_HEADER = "x-vaultline-peer-key";

// GET/HEAD/POST for pages, forms and server actions, DELETE for the API's sign-out, OPTIONS for
// anyone asking. TRACE would echo the request (cookies included) back; the rest have no use here.
const ALLOWED_METHODS = ["GET", "HEAD", "POST", "DELETE", "OPTIONS"];

// No form or API call of the bank sends more than a few kilobytes; 64 KB is generous, and far
// below Next's own 1 MB server-action limit, which it enforces with a 500. A body must declare
// its length so the limit holds before a byte of it is read.
const MAX_BODY_BYTES = 64 * 1024;

// Next.js redirects a path with a trailing slash, a doubled slash or a backslash to its clean
// form, echoing the whole address (query included) into Location, a Refresh header and the
// body: a 10,000-character address became a 20 KB answer, without the proxy's headers. The
// front door answers instead, with a short redirect for a page and a 404 for the API (a client
// of the API is told where things are; it is not redirected). A redirect longer than this is
// refused instead.
const MAX_REDIRECT_LENGTH = 2048;

/** The refusal (an error code and its message) or redirect for a request the app must not see, or null. */
function frontDoorRefusal(req) {
  if (!isRoutableTarget(req.url)) return { code: "bad_request", message: "The address of this request is not valid." };
  const redirect = cleanAddressRedirect(req.url);
  if (redirect) return redirect;
  // A client navigation (RSC: 1) whose cache-busting _rsc parameter does not match is redirected
  // by Next to the same address with the right one: the whole address echoed again.
  if (req.headers.rsc !== undefined && req.url.length > MAX_REDIRECT_LENGTH) {
    return { code: "uri_too_long", message: "The address of this request is too long." };
  }
  if (!ALLOWED_METHODS.includes(req.method ?? "")) {
    return {
      code: "method_not_allowed",
      message: `This method is not allowed. Use ${ALLOWED_METHODS.join(", ")}.`,
      headers: { Allow: ALLOWED_METHODS.join(", ") },
    };
  }
  const length = req.headers["content-length"];
  if (length === undefined && req.headers["transfer-encoding"] !== undefined) {
    return { code: "length_required", message: "Send the body with a Content-Length header." };
  }
  if (Number(length ?? 0) > MAX_BODY_BYTES) {
    return {
      code: "body_too_large",
      message: `The body is too large: at most ${MAX_BODY_BYTES / 1024} KB is accepted.`,
    };
  }
  if (isUnreadableRouterState(req.headers["next-router-state-tree"])) {
    return { code: "bad_request", message: UNREADABLE_ROUTER_STATE_MESSAGE };
  }
  return null;
}

/** The clean form of a path Next would redirect, as a redirect for a page or a 404 for the API; null when already clean. */
function cleanAddressRedirect(target) {
  const [path, ...query] = target.split("?");
  const clean = path
    .replace(/\\/g, "/")
    .replace(/\/{2,}/g, "/")
    .replace(/(.)\/$/, "$1");
  if (clean === path) return null;
  if (clean.startsWith("/api/"))
    return { code: "not_found", message: "There is no endpoint at this address.", json: true };
  // Backslashes become slashes before doubled slashes collapse, so Location is never `//host`.
  const location = [clean, ...query].join("?");
  if (location.length > MAX_REDIRECT_LENGTH)
    return { code: "uri_too_long", message: "The address of this request is too long." };
  return { location };
}

/**
 * A redirect, or a refusal: the one JSON error body (lib/error-body.mjs) where programs call
 * (`json`: where the clean path is such a place), a short text elsewhere.
 */
function refuse(req, res, { code, message, location, headers = {}, json = answersWithJson(req.url ?? "") }) {
  // The body is never parsed: the connection closes after the answer, rather than parse what
  // follows as a request.
  if (location) return res.writeHead(308, { Location: location, Connection: "close" }).end();
  res.writeHead(ERRORS[code].status, {
    ...headers,
    "Content-Type": json ? "application/json" : "text/plain; charset=utf-8",
    Connection: "close",
  });
  res.end(json ? JSON.stringify(errorBody(code, message)) : message);
}

// A client still sending a body reads no answer until it is done, so an answer sent before
// that, on a socket that then closes, reaches it as EPIPE instead of a 413. A body up to this
// size is read and dropped first; past it, the connection closes at once (the client may only
// see the reset) rather than take in an unbounded upload. Node's requestTimeout bounds the time.
const DROPPED_BODY_BYTES = 8 * 1024 * 1024;

/** Calls `answer` once the request's body (up to DROPPED_BODY_BYTES) is read and dropped. */
function afterBodyDropped(req, answer) {
  if (req.complete || Number(req.headers["content-length"] ?? 0) > DROPPED_BODY_BYTES) return answer();
  let received = 0;
  // A body of undeclared length is counted as it comes.
  const onData = (chunk) => {
    received += chunk.length;
    if (received <= DROPPED_BODY_BYTES) return;
    req.off("data", onData).off("end", answer);
    answer();
  };
  req.on("data", onData).once("end", answer);
}

// What an answer carries when proxy.ts did not dress it: the proxy sets nosniff on everything it
// answers, whatever the lab switched off, so an answer without it never went through the proxy.
// Only missing headers are added: a static file keeps Next's long-lived Cache-Control.
const FALLBACK_HEADERS = {
  ...BASELINE_HEADERS,
  "Content-Security-Policy": NON_PAGE_CSP,
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-store",
};

/** Dresses every answer `res` sends: Node calls writeHead for implicit headers too. */
function dressAnswers(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, reason, headers) {
    if (typeof reason === "object") [reason, headers] = [undefined, reason];
    if (headers && !Array.isArray(headers)) {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
      headers = undefined;
    }
    if (!res.hasHeader("x-content-type-options")) {
      for (const [name, value] of Object.entries(FALLBACK_HEADERS))
        if (!res.hasHeader(name)) res.setHeader(name, value);
    }
    return reason === undefined ? writeHead.call(res, status, headers) : writeHead.call(res, status, reason, headers);
  };
}

/** FALLBACK_HEADERS as raw header lines, for answers written straight to the socket. */
function rawHeaderLines() {
  return Object.entries(FALLBACK_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
}

const END_OF_HEAD = "Connection: close\r\nContent-Length: 0\r\n\r\n";

const dev = process.argv.includes("--dev");
const peerKey = randomBytes(32).toString("base64url");

// As `next start` / `next dev` would; set before Next (and React) load, which read it once.
process.env.NODE_ENV ??= dev ? "development" : "production";
// The .env files, read by Next's own loader as `next dev` / `next start` read them (.env,
// .env.development or .env.production, each with its .local), so PORT may come from one too.
// lib/env.ts checks every value once the app starts.
nextEnv.loadEnvConfig(process.cwd(), dev);
const port = Number(process.env.PORT || 3000);
// HSTS once served over HTTPS, as lib/security-headers.ts decides for the proxy's answers.
if (process.env.NEXTAUTH_URL?.startsWith("https:"))
  FALLBACK_HEADERS["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY;
process.env.VAULTLINE_PEER_KEY = peerKey;

const { default: next } = await import("next");
const app = next({ dev, port });
const handle = app.getRequestHandler();
await app.prepare();

/** The request handler, with the answers Node gives outside it, on one listening socket. */
function newServer() {
  const server = createServer((req, res) => {
    // Every request's log lines carry this ID (lib/log.ts), and the answer too, so a user's report
    // and the server's lines can be matched. A client's own header of that name is overwritten.
    const requestId = randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader("X-Request-Id", requestId);
    dressAnswers(res);
    const refusal = frontDoorRefusal(req);
    if (refusal) return afterBodyDropped(req, () => refuse(req, res, refusal));
    req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    req.headers[PEER_KEY_HEADER] = peerKey;
    handle(req, res);
  });
  // Node hands CONNECT (a request to open a tunnel) to this event instead; unanswered, the
  // client would hang until the socket times out.
  server.on("connect", (_req, socket) => {
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS.join(", ")}\r\n${rawHeaderLines()}` + END_OF_HEAD,
    );
  });
  // A request Node's HTTP parser rejects (headers over 16 KB, a malformed line) never reaches the
  // handler; Node's own answer would carry no headers at all. The same statuses, dressed.
  server.on("clientError", (error, socket) => {
    if (!socket.writable || error.code === "ECONNRESET") return socket.destroy();
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${rawHeaderLines()}` + END_OF_HEAD);
  });
  // Node closes an idle keep-alive connection after 5 s; a client sending its next request at
  // that moment gets a reset, which a POST (a transfer) cannot safely retry. Longer than the
  // idle timeout of the usual proxies and load balancers (60 s), so they close first, never us.
  server.keepAliveTimeout = 65_000;
  return server;
}

// LAB ONLY
// A lab switches defenses off and resets accounts from its console: it listens on this machine's
// loopback addresses only (both, as "localhost" may name either), so nobody on the network even
// reaches its key prompt. LAB_HOST=0.0.0.0 opens it to a classroom network, on purpose and
// with a warning.
const lab = process.env.LAB_ALLOW === "1";
const labHost = process.env.LAB_HOST?.trim() || undefined;
if (lab && labHost) {
  logger.warn(
    { labHost },
    `WARNING: LAB_HOST=${labHost}: this lab, whose defenses are off, listens beyond this machine. Anyone who can reach it sees a bank without its defenses; only its key (LAB_KEY) stands between them and the lab console.`,
  );
}
// END LAB ONLY

/** The addresses to listen on: every one (undefined), as `next start` does. */
function listenHosts() {
  // LAB ONLY
  if (lab) return labHost ? [labHost] : ["127.0.0.1", "::1"];
  // END LAB ONLY
  return [undefined];
}

for (const [index, host] of listenHosts().entries()) {
  newServer()
    .on("error", (error) => {
      // ::1 where the machine has no IPv6: 127.0.0.1 serves "localhost" alone.
      if (index > 0 && error.code === "EADDRNOTAVAIL") return;
      throw error;
    })
    .listen(port, host, () => {
      if (index === 0) {
        logger.info({ port, dev }, `Vaultline ${dev ? "(development) " : ""}ready on http://localhost:${port}`);
      }
    });
}

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
