// The one logger (pino), shared by server.mjs and the app: JSON lines on stdout, for a collector
// to ship to a SIEM (docs/deploy.md lists the fields). A line is one JSON object, so client text
// (a user agent, a path) is always inside a quoted string and cannot start a line of its own:
// JSON escapes the ASCII line breaks, and the line breaks it leaves alone (NEL and the other C1
// controls, U+2028, U+2029, which Python's splitlines() and some viewers break on) are escaped
// here before the line is written.
import pino from "pino";

const UNESCAPED_BREAKS = /[\u0080-\u009f\u2028\u2029]/g;

function escapeBreaks(line) {
  return line.replace(UNESCAPED_BREAKS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export const logger = pino({
  base: { service: "vaultline" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  hooks: { streamWrite: escapeBreaks },
});

// server.mjs sets it on every request, overwriting anything a client sent under that name.
export const REQUEST_ID_HEADER = "x-vaultline-request-id";
