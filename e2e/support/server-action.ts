// Calls a server action the way React's client does — a POST with a Next-Action header and a
// multipart body that carries the form — so a test can send what no browser form would: bytes
// that are not UTF-8, a field twice, a file where text belongs. The action's ID is no secret:
// React renders it into the page of every form that uses it (the `$ACTION_1:0` hidden input).
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { answerOf, type Answer } from "./hostile";

export type Part = { name: string; value: string | Buffer; filename?: string };

export type ActionCall = {
  answer: Answer;
  /** What the action returned (its form state), when it returned rather than redirected. */
  result: unknown;
};

/** The ID of the server action behind the page's form. */
export async function actionIdOn(page: Page): Promise<string> {
  const bound = await page.locator("input[type=hidden][name='$ACTION_1:0']").getAttribute("value");
  return (JSON.parse(bound ?? "{}") as { id?: string }).id ?? "";
}

/** The IDs of the page's plain form actions (React renders one hidden `$ACTION_ID_<id>` per form). */
export async function plainActionIds(page: Page): Promise<string[]> {
  const names = await page
    .locator("input[type=hidden][name^='$ACTION_ID_']")
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
  return [...new Set(names.map((name) => name.slice("$ACTION_ID_".length)))];
}

/**
 * A form's fields as React sends them: for `action(previousState, formData)` (useActionState),
 * or with `plain` for a form whose action takes the form alone.
 */
export function formParts(fields: Record<string, string | Buffer>, options: { plain?: boolean } = {}): Part[] {
  // Row 0: the arguments. "$K1" is the FormData whose fields carry the "_1_" prefix.
  const args = options.plain ? ["$K1"] : [{ status: "editing" }, "$K1"];
  return [
    ...Object.entries(fields).map(([name, value]) => ({ name: `_1_${name}`, value })),
    { name: "0", value: JSON.stringify(args) },
  ];
}

export async function callAction(
  request: APIRequestContext,
  path: string,
  actionId: string,
  parts: Part[],
  origin: string,
): Promise<ActionCall> {
  const { body, contentType } = multipart(parts);
  const response = await request.post(path, {
    data: body,
    headers: { "Next-Action": actionId, Accept: "text/x-component", "Content-Type": contentType, Origin: origin },
    maxRedirects: 0,
  });
  const answer = await answerOf(response);
  return { answer, result: actionResult(answer.body) };
}

/** Row 1 of the RSC answer is the action's return value. */
function actionResult(body: string): unknown {
  const row = body.split("\n").find((line) => line.startsWith("1:"));
  try {
    return row ? JSON.parse(row.slice(2)) : null;
  } catch {
    return null;
  }
}

/** multipart/form-data, byte for byte: parts in order, duplicates kept, values as given. */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----hostile${randomBytes(8).toString("hex")}`;
  const chunks = parts.flatMap(({ name, value, filename }) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: application/octet-stream` : ""}\r\n\r\n`,
    ),
    Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8"),
    Buffer.from("\r\n"),
  ]);
  return {
    body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
