// axe (WCAG 2.2 A and AA rules) on a page as it is now: e2e/accessibility.spec.ts and the lab
// console's spec.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe on the page as it is now and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Next streams a page's <title> after its content, and on a client-side navigation swaps it a
  // moment after the new page shows: axe must see the document as it settles, not mid-swap.
  await expect(page, `${what}: the document has a title`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(results.passes.length, `${what}: axe checked the page`).toBeGreaterThan(0);
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `${what}: serious or critical accessibility violations`).toEqual([]);
}
