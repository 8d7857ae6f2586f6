// The lab's own guard, the first line of every lab page, route handler and server action: outside
// lab mode (LAB_ALLOW=1) the lab does not exist, and in a lab only a browser given its key may
// use the console. proxy.ts already refuses both (lib/lab/access.ts); this holds should a request
// get past it. A server action runs before its page renders, so each action checks itself rather
// than trust the page's prompt.
import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { servedOverHttps, serverEnv } from "@/lib/env";
import { labMode } from "./flaws";
import { grantsLabAccess, labCookieName } from "./key";

export function requireLabMode(): void {
  if (!labMode()) notFound();
}

/** Lab mode, and this browser holds the access cookie of this lab's key. */
export async function hasLabKey(): Promise<boolean> {
  requireLabMode();
  const jar = await cookies();
  return grantsLabAccess(jar.get(labCookieName(servedOverHttps()))?.value, serverEnv().LAB_KEY);
}

/** For the console's actions: without the key nothing runs, and the browser is sent to the prompt. */
export async function requireLabKey(): Promise<void> {
  if (!(await hasLabKey())) redirect("/lab");
}
