// Attack (lab flaw `no-rotation-on-step-up`): Mallory copied the victim's session cookie while
// it was stale. The victim confirms a transfer with the password; Mallory's copy now carries
// that fresh step-up and she sends herself money without knowing the password.
import { balanceOf, expectAttack, fillTransfer, SESSION_COOKIE, stepUpWithTransfer, test } from "../support/fixtures";

test("a cookie copied before the victim's step-up moves money without the password", async ({
  signedInPage: victim,
  newDevice,
  baseURL,
  user,
  payee,
  createUser,
  db,
  target,
}) => {
  const mallory = await createUser();
  const copied = await stepUpWithTransfer(victim, db, user, payee);

  const thief = await newDevice(null);
  await thief.context().addCookies([{ name: SESSION_COOKIE, value: copied, url: baseURL! }]);
  await thief.goto("/transfers");
  if (thief.url().includes("/transfers")) {
    await fillTransfer(thief, mallory, "500.00");
    await thief.getByRole("button", { name: "Send transfer" }).click();
    // Sent, asked for the password, or thrown out: any of these ends the attempt.
    await thief
      .getByRole("heading", { name: "Transfer sent" })
      .or(thief.getByRole("group", { name: "Confirm it's you" }))
      .or(thief.getByLabel("Email"))
      .waitFor();
  }
  const stolen = (await balanceOf(db, mallory.accountId)) > 250_000;

  expectAttack(target, stolen);
});
