// A server-action call React could not decode. Next.js hands a POST with a Next-Action header
// (and any multipart form posted to a page) to React's decodeReply / decodeAction, and answers
// what those throw on with a 500, after logging the error: JSON.parse's message quotes the body,
// line breaks included, so a client could forge a log line or leave part of a password there.
// Vaultline's forms send one shape: rows of JSON (the arguments, the previous state, a form's
// bound arguments), the form's fields, and a few of React's tags. proxy.ts refuses anything
// else with a 400 before Next reads it.
import "server-only";

export const UNREADABLE_ACTION_MESSAGE = "This action request could not be read. Reload the page and try again.";

// Next's server reference IDs: 42 hex digits. Next logs an ID it cannot use, so only this shape
// may reach it (a 42-digit hex ID it does not know is logged as such: no line break, no text).
const ACTION_ID = /^[0-9a-f]{42}$/;

// The deepest row a Vaultline form sends is its previous state inside the arguments (3 levels);
// React decodes rows recursively, and a deeply nested one exhausted the stack (a 500).
const MAX_ROW_DEPTH = 16;

// React's tags that Vaultline's client writes: an escaped "$" ($$), a form ($K), undefined,
// Infinity, -0, NaN, a date, and a promise of another row ($@, a bound action's arguments).
// The others reach module loading ($h), streams, typed arrays or BigInt parsing: never sent here.
const PLAIN_TAG = /^\$(?:\$|K[0-9a-f]*$|u|I|-|N|D)/;
const ROW_REFERENCE = /^\$@([0-9a-f]+)$/;

export async function isUnreadableAction(request: Request): Promise<boolean> {
  if (request.method !== "POST") return false;
  const actionId = request.headers.get("next-action");
  // Next's own tests, exactly: these decide which of its decoders reads the body.
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = contentType.startsWith("multipart/form-data");
  if (actionId === null) return multipart && !(await hasReadableFormActions(request));
  if (!ACTION_ID.test(actionId)) return true;
  if (contentType === "application/x-www-form-urlencoded") return false; // Next answers 404 itself.
  const rows = multipart ? await formRows(request) : new Map([["0", await request.clone().text()]]);
  return !rows || !readableRows(rows) || !isArgumentList(rows.get("0")!);
}

async function formRows(request: Request): Promise<Map<string, string | null> | null> {
  const form = await formOf(request);
  return form && rowsOf(form, "");
}

// Row 0 of a call is its arguments: Next applies the action to it, and anything but a list
// (a string, an object) throws there, a 500. The row is JSON by now, so its first character says.
function isArgumentList(row: string | null): boolean {
  return row?.trimStart().startsWith("[") ?? false;
}

/** A form posted without JavaScript: each action it names ($ACTION_REF_n, $ACTION_ID_…) must decode. */
async function hasReadableFormActions(request: Request): Promise<boolean> {
  const form = await formOf(request);
  if (!form) return false;
  for (const name of form.keys()) {
    const id = /^\$ACTION_ID_(.*)$/s.exec(name)?.[1];
    if (id !== undefined && !ACTION_ID.test(id)) return false;
    const ref = /^\$ACTION_REF_(.*)$/s.exec(name)?.[1];
    if (ref === undefined) continue;
    const rows = rowsOf(form, `$ACTION_${ref}:`);
    if (!readableRows(rows) || !ACTION_ID.test(boundActionId(rows.get("0")!))) return false;
  }
  return true;
}

async function formOf(request: Request): Promise<FormData | null> {
  try {
    return await request.clone().formData();
  } catch {
    return null;
  }
}

/** The rows React reads: fields named prefix + a decimal row number. A file where a row belongs is unreadable. */
function rowsOf(form: FormData, prefix: string): Map<string, string | null> {
  const rows = new Map<string, string | null>();
  for (const [name, value] of form) {
    const row = name.startsWith(prefix) ? name.slice(prefix.length) : "";
    if (/^\d+$/.test(row)) rows.set(row, typeof value === "string" ? value : null);
  }
  return rows;
}

function readableRows(rows: Map<string, string | null>): boolean {
  if (!rows.has("0")) return false;
  for (const [row, text] of rows) {
    if (text === null || !isReadableRow(text, row === "0" ? rows : null)) return false;
  }
  return true;
}

/** JSON, not nested too deep, whose tagged strings are plain values or (in row 0) other rows. */
function isReadableRow(text: string, rows: Map<string, string | null> | null): boolean {
  if (nestingDepth(text) > MAX_ROW_DEPTH) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return everyString(value, (s) => !s.startsWith("$") || PLAIN_TAG.test(s) || isRowReference(s, rows));
}

// Only row 0 may point at another row, and only at one that is there: a row that points at
// itself or at a missing one would leave the action waiting forever.
function isRowReference(tag: string, rows: Map<string, string | null> | null): boolean {
  const hex = ROW_REFERENCE.exec(tag)?.[1];
  if (!rows || hex === undefined) return false;
  const row = String(parseInt(hex, 16));
  return row !== "0" && rows.has(row);
}

/** The deepest nesting of arrays and objects in JSON text, counted without parsing it. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}

function everyString(value: unknown, test: (s: string) => boolean): boolean {
  if (typeof value === "string") return test(value);
  if (Array.isArray(value)) return value.every((item) => everyString(item, test));
  if (value && typeof value === "object") return Object.values(value).every((item) => everyString(item, test));
  return true;
}

/** The "id" of a bound action's descriptor row ({"id":"…","bound":…}). */
function boundActionId(row: string | null): string {
  try {
    const id = (JSON.parse(row ?? "null") as { id?: unknown } | null)?.id;
    return typeof id === "string" ? id : "";
  } catch {
    return "";
  }
}
