// Threat: a session ID in a URL. Addresses are kept in history and bookmarks, written to server
// and proxy logs, sent on in Referer headers and pasted into chats and support tickets: whoever
// reads one would hold the session. Defense: the web session travels in the cookie alone
// (lib/session/cookies.ts): no page writes it into a link, and an ID in the query string is
// never read. (The API's bearer token: e2e/api/api-token-transport.spec.ts.)
import { expect, idStillWorks, sessionCookieValue, test } from "./support/fixtures";

// The names URL-rewriting frameworks and hand-rolled apps put a session ID under.
const SESSION_PARAMS = ["sid", "session", "sessionid", "session_id", "jsessionid", "token", "PHPSESSID"];

test("no link and no address on the signed-in pages carries the session ID", async ({ signedInPage: page, user }) => {
  const id = (await sessionCookieValue(page))!;
  for (const path of ["/dashboard", `/accounts/${user.accountId}`, "/transfers", "/security", "/profile"]) {
    await page.goto(path);
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length, `${path} has links`).toBeGreaterThan(0);
    for (const href of [page.url(), ...hrefs]) expect(href, path).not.toContain(id);
  }
  await page.getByRole("link", { name: "Accounts" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a session ID in the address opens nothing, under any usual parameter name", async ({
  browser,
  baseURL,
  signedInPage: page,
  user,
}) => {
  const id = (await sessionCookieValue(page))!;
  const stranger = await browser.newContext({ baseURL });
  const strangerPage = await stranger.newPage();
  for (const name of SESSION_PARAMS) {
    await strangerPage.goto(`/accounts/${user.accountId}?${name}=${encodeURIComponent(id)}`);
    expect(new URL(strangerPage.url()).pathname, `?${name}=`).toBe("/signin");
  }
  await stranger.close();
  expect(await idStillWorks(browser, baseURL!, id, user), "the ID itself is live: only its transport is refused").toBe(
    true,
  );
});
