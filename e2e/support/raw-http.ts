// A raw HTTP/1.1 client for the hostile-input suite: it sends exactly the bytes it is given.
// Playwright's client (like every well-behaved one) refuses to put bytes that are not valid in a
// header, or a request target that is not a URL, on the wire; an attacker's client does not.
import { connect } from "node:net";
import type { Answer } from "./hostile";

const TIMEOUT_MS = 10_000;

/**
 * Sends `head` (request line and headers, without the blank line; Host and Connection: close
 * are added) and `body`, and returns the server's answer. Bytes are sent as latin1, one byte per
 * character, so "\xff" on the wire is 0xFF and not UTF-8.
 */
export async function rawRequest(baseURL: string, head: string, body: Buffer = Buffer.alloc(0)): Promise<Answer> {
  const url = new URL(baseURL);
  const lines = `${head}\r\nHost: ${url.host}\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`;
  const bytes = await exchange(url, Buffer.concat([Buffer.from(lines, "latin1"), body]));
  return parseAnswer(bytes);
}

function exchange(url: URL, request: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    // Written, not ended: a half-closed connection may be dropped before the server answers.
    // Connection: close makes the server close it once it has.
    socket.on("connect", () => socket.write(request));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks)));
    // The server may answer (431, 400) and close before reading everything we sent.
    socket.on("error", (error) => (chunks.length > 0 ? resolve(Buffer.concat(chunks)) : reject(error)));
  });
}

function parseAnswer(bytes: Buffer): Answer {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) throw new Error(`not an HTTP answer: ${JSON.stringify(bytes.subarray(0, 200).toString("latin1"))}`);
  const [statusLine = "", ...headerLines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}\n${value}` : value;
  }
  const rest = bytes.subarray(end + 4);
  const body = headers["transfer-encoding"] === "chunked" ? dechunk(rest) : rest;
  return { status, headers, body: body.toString("utf8") };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", at);
    const size = parseInt(data.subarray(at, lineEnd).toString("latin1"), 16);
    if (lineEnd < 0 || !(size > 0)) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
