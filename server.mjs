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
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

const PEER_ADDRESS_HEADER = "x-vaultline-peer-address";
const PEER_KEY_HEADER = "x-vaultline-peer-key";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const peerKey = randomBytes(32).toString("base64url");

// As `next start` / `next dev` would; set before Next (and React) load, which read it once.
process.env.NODE_ENV ??= dev ? "development" : "production";
process.env.VAULTLINE_PEER_KEY = peerKey;

const { default: next } = await import("next");
const app = next({ dev, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((req, res) => {
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  req.headers[PEER_KEY_HEADER] = peerKey;
  handle(req, res);
}).listen(port, () => {
  console.log(`> Vaultline ${dev ? "(development) " : ""}ready on http://localhost:${port}`);
});
