// Attack (lab flaw `revocation-snapshot`): Mallory knows the victim's password and signs in with
// it over the API again and again, three sign-ins at a time. The victim changes the password to
// lock her out. A sign-in that read the old password hash just before the change and writes its
// session just after it lands after the sweep that ended the sessions of that moment: without
// the credential generation check, that session is live, with a fresh password entry, under the
// new password.
import { apiSignInAttempt, bearer, ownAddress } from "../support/api";
import { changePasswordInUi, expect, expectAttack, test } from "../support/fixtures";

test("a sign-in in flight with the old password outlives the victim's password change", async ({
  page,
  signInAs,
  request,
  createUser,
  target,
}) => {
  // At production's bcrypt cost: each of Mallory's checks takes real time, as on a real server,
  // which is the window the change must land in. The test servers' lowest cost closes it.
  const user = await createUser({ productionCost: true });
  await signInAs(page, user);
  const mallory = ownAddress();
  const tokens: string[] = [];
  let changing = true;
  // Three sign-ins in flight at any moment, each started as another ends: enough that some are
  // always waiting for bcrypt while the change commits, few enough not to starve the change.
  const thief = async () => {
    while (changing) {
      const answer = await apiSignInAttempt(request, user, mallory);
      if (answer.status() === 201) tokens.push((await answer.json()).token);
    }
  };
  // Mallory starts as the victim sends the change: started earlier, her sign-ins would pass the
  // cap on live sessions (maxLiveSessionsPerUser) and end the victim's own, the oldest.
  const sent = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/security/password");
  const change = changePasswordInUi(page, user.password, "violet-harbour-engine-42");
  await sent;
  const thieves = Promise.all([thief(), thief(), thief()]);
  await change;
  await expect(page.getByText("Password changed.")).toBeVisible({ timeout: 15_000 });
  changing = false;
  await thieves;

  let live = 0;
  for (const token of tokens) {
    const answer = await request.get("/api/v1/accounts", { headers: bearer(token) });
    expect([200, 401]).toContain(answer.status());
    if (answer.status() === 200) live++;
  }
  expectAttack(target, live > 0);
});
