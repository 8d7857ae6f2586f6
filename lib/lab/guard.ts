// The lab's own guard, the first line of every lab page, route handler and server action: outside
// lab mode (LAB_ALLOW=1) the lab does not exist. proxy.ts already refuses the lab's paths there;
// this holds should a request get past it. A server action runs before its page renders, so
// each action checks itself rather than trust the page's 404.
import "server-only";
import { notFound } from "next/navigation";
import { labMode } from "./flaws";

export function requireLabMode(): void {
  if (!labMode()) notFound();
}
