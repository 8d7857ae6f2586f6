// Attack (lab flaw `no-server-logout`): Mallory copied the victim's session cookie; the victim
// signs out, believing that ends it; Mallory replays the copy.
import { expectAttack, idStillWorks, sessionCookieValue, test } from "../support/fixtures";

test("a session copied before sign-out still opens the account afterwards", async ({
  signedInPage: victim,
  browser,
  user,
  baseURL,
  target,
}) => {
  const copied = await sessionCookieValue(victim);
  await victim.goto("/dashboard");
  await victim.getByRole("button", { name: "Sign out" }).click();
  await victim.waitForURL(/\/signin/);

  expectAttack(target, await idStillWorks(browser, baseURL!, copied!, user));
});
