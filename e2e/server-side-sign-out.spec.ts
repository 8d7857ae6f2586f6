// Threat: a session ID copied before sign-out (shared computer, proxy log, stolen cookie) keeps
// working because sign-out only deleted the cookie. Defense: sign-out is a POST that ends the
// session on the server (endWebSession in lib/session/lifecycle.ts) and sends Clear-Site-Data.
import { expect, idStillWorks, sessionCookieValue, signIn, test } from "./support/fixtures";

test("the cookie replayed after sign-out is refused by the server", async ({ page, browser, user, baseURL, db }) => {
  await signIn(page, user);
  const copied = await sessionCookieValue(page);
  expect(copied).toBeTruthy();

  const signOut = page.waitForResponse((r) => r.url().endsWith("/signout") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign out" }).click();
  const response = await signOut;
  expect((await response.allHeaders())["clear-site-data"]).toBe('"cache", "cookies", "storage"');
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText("You have signed out.")).toBeVisible();

  expect(await idStillWorks(browser, baseURL!, copied!, user), "the copied cookie is refused").toBe(false);

  const session = await db.session.findFirst({ where: { userId: user.id } });
  expect(session?.endReason).toBe("signed_out");
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "sign_out" } })).toBe(1);
});

test("sign-out is offered on every signed-in page and only answers POST", async ({ page, user, request }) => {
  await signIn(page, user);
  for (const path of ["/dashboard", `/accounts/${user.accountId}`, "/profile"]) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
  const viaGet = await request.get("/signout", { maxRedirects: 0 });
  expect(viaGet.status()).toBe(405);
});
