// Every main page, at a phone's width (390×844) and a laptop's (1280×800): no control sits under
// another element (the session inspector included), and no page scrolls sideways. Each link,
// button and field, scrolled into view as a person would, must be the element at its own centre.
import type { Locator, Page } from "@playwright/test";
import { adminPanelHeading, CUSTOMER_PAGES, enterAdminPanel, expect, openAccount, test } from "./support/fixtures";

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

async function expectNothingCovered(page: Page, where: string, scope: Locator = page.locator("body")): Promise<void> {
  const controls = scope.locator(
    "a:visible, button:visible, input:not([type=hidden]):visible, select:visible, textarea:visible, summary:visible",
  );
  // In the page, in one go: each control scrolled to the middle of the screen, as a person would
  // bring it into view, must be the element at its own centre.
  const covered = await controls.evaluateAll((elements) =>
    elements.flatMap((element) => {
      element.scrollIntoView({ block: "center", inline: "nearest" });
      const box = element.getBoundingClientRect();
      const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      const clear = top !== null && (element === top || element.contains(top) || top.contains(element));
      return clear ? [] : [`${element.outerHTML.slice(0, 100)} under ${top?.outerHTML.slice(0, 100)}`];
    }),
  );
  expect(covered, `${where}: controls under another element`).toEqual([]);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(sideways, `${where}: sideways scrolling`).toBeLessThanOrEqual(0);
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("a customer's pages", async ({ signedInPage: page }) => {
      for (const path of CUSTOMER_PAGES) {
        await page.goto(path);
        await expectNothingCovered(page, `${path} (${viewport.name})`);
      }
      await openAccount(page, "Checking");
      await expectNothingCovered(page, `an account (${viewport.name})`);
    });

    test("the admin panel, before and after entering it", async ({ page, admin, signInAs }) => {
      await signInAs(page, admin);
      await page.goto("/admin");
      await expectNothingCovered(page, `/admin entry (${viewport.name})`);
      await enterAdminPanel(page);
      await expect(adminPanelHeading(page)).toBeVisible();
      // The users table lists every user the suite made: the frame, the option, the log's filter
      // and this admin's own row stand for it, so the check does not grow with the suite.
      const main = page.getByRole("main");
      await expectNothingCovered(page, `/admin panel (${viewport.name})`, page.getByRole("banner"));
      for (const part of [
        main.getByRole("region", { name: "Admin single-session option" }),
        main.getByRole("form", { name: "Filter events" }),
        main.getByRole("row").filter({ hasText: admin.email }),
      ]) {
        await expectNothingCovered(page, `/admin panel (${viewport.name})`, part);
      }
    });
  });
}
