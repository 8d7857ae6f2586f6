// The lab's own guard, the declaration every lab page, route handler and server action starts
// with: outside lab mode (LAB_ALLOW=1) the lab does not exist, and in a lab only a browser given
// its key may use the console. proxy.ts already refuses both (lib/lab/access.ts); this holds
// should a request get past it. A server action runs before its page renders, so each action
// checks itself rather than trust the page's prompt.
import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { servedOverHttps, serverEnv } from "@/lib/env";
import { submittedForm } from "@/lib/form-data";
import { NO_LAB_KEY_MESSAGE } from "./access";
import { labMode } from "./flaws";
import { grantsLabAccess, labCookieName } from "./key";

function requireLabMode(): void {
  if (!labMode()) notFound();
}

/** The console's page, first: lab mode (404 otherwise), and whether this browser holds the key of this lab. */
export async function hasLabKey(): Promise<boolean> {
  requireLabMode();
  const jar = await cookies();
  return grantsLabAccess(jar.get(labCookieName(servedOverHttps()))?.value, serverEnv().LAB_KEY);
}

/**
 * The console's server actions: `export const resetLab = labAction(async (form) => …)`. Without
 * the key nothing runs, and the browser is sent to the prompt.
 */
export function labAction<Result>(
  action: (form: FormData) => Promise<Result>,
): (...args: unknown[]) => Promise<Result> {
  return async (...args) => {
    if (!(await hasLabKey())) redirect("/lab");
    return action(submittedForm(args.at(-1)));
  };
}

/** The console's route handlers: without the key, a 403 that says how to get it. */
export function labRoute(handler: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!(await hasLabKey()))
      return new Response(NO_LAB_KEY_MESSAGE, {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    return handler(request);
  };
}

/**
 * A lab route anyone in the lab may call, for what is no secret of the lab (when the console
 * last moved the clocks): outside lab mode it does not exist.
 */
export function labPublicRoute(
  handler: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    requireLabMode();
    return handler(request);
  };
}
