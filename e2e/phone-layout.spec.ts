// At a phone's width (390×844) nothing covers a form's controls: the session inspector floats at
// the foot of the screen, and the page leaves room under its last control so it can be scrolled
// clear. Each control of the transfer form, scrolled into view as a person would, is the
// element at its own centre (nothing on top of it); the header takes two rows, the recipient
// choice stacks aligned, and the page does not scroll sideways.
import { expect, test } from "./support/fixtures";

test.use({ viewport: { width: 390, height: 844 } });

test("on a phone the transfer form's controls are never under the inspector", async ({ signedInPage: page }) => {
  await page.goto("/transfers");
  const form = page.locator("main form").filter({ has: page.getByRole("button", { name: "Send transfer" }) });
  await expect(form.getByRole("button", { name: "Send transfer" })).toBeVisible();
  for (const control of await form.locator("input:visible, select:visible, button:visible").all()) {
    await control.scrollIntoViewIfNeeded();
    const onTop = await control.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return top !== null && (element === top || element.contains(top) || top.contains(element));
    });
    expect(onTop, await control.evaluate((e) => e.outerHTML.slice(0, 120))).toBe(true);
  }
  // The header in two rows, not three; the recipient choice's options one above the other, aligned.
  expect((await page.getByRole("banner").boundingBox())!.height, "a compact header").toBeLessThan(120);
  const [own, other] = await Promise.all(
    (await form.getByRole("group", { name: "Send to" }).locator("label").all()).map((label) => label.boundingBox()),
  );
  expect([other!.x, other!.width]).toEqual([own!.x, own!.width]);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(sideways, "no sideways scrolling").toBeLessThanOrEqual(0);
});

test("on a phone a table's stacked values each say which column they are", async ({ signedInPage: page }) => {
  await page.goto("/security/sessions");
  const table = page.getByRole("table", { name: "Your sessions" });
  await expect(table.getByRole("columnheader").first()).toBeHidden();
  const shown = await table
    .locator("tbody td[data-label]")
    .evaluateAll((cells) =>
      cells.map((cell) => [cell.getAttribute("data-label"), getComputedStyle(cell, "::before").content]),
    );
  expect(shown.length).toBeGreaterThanOrEqual(5);
  for (const [label, content] of shown) expect(content, `the ${label} value is labelled`).toBe(`"${label}"`);
});
