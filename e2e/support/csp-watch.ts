// Listens for Content-Security-Policy violations in a browser context. The app's pages must never
// raise one: a violation means either an injected script was stopped (an attack) or the policy
// blocks the app's own code (a broken page). fixtures.ts fails every test that sees one.
import type { BrowserContext } from "@playwright/test";

export type CspViolation = { page: string; directive: string; blocked: string; sample: string };

const BINDING = "__vaultlineCspViolation";

/** Reports every violation in `context`'s pages, across navigations, to `report`. */
export async function watchCsp(context: BrowserContext, report: (violation: CspViolation) => void): Promise<void> {
  await context.exposeBinding(BINDING, (_source, violation: CspViolation) => report(violation));
  // Injected by the browser itself (not subject to the page's CSP), before any page script runs.
  await context.addInitScript((binding) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const send = (window as unknown as Record<string, (v: object) => void>)[binding];
      send?.({
        page: location.pathname,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      });
    });
  }, BINDING);
}
