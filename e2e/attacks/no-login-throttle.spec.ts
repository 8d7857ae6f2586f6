// Attack (lab flaw `no-login-throttle`): Mallory knows the victim's email and runs a list of
// likely passwords against the sign-in API. The victim's password is the tenth guess; the
// secure server stops answering after the fifth failure.
import { apiSignInAttempt, ownAddress } from "../support/api";
import { expectAttack, test } from "../support/fixtures";

const GUESSES = ["123456", "password", "qwerty123", "letmein", "iloveyou", "welcome1", "monkey", "dragon", "sunshine"];

test("a password list finds the victim's password over the API", async ({ request, user, target }) => {
  const address = ownAddress();
  let found = false;
  for (const password of [...GUESSES, user.password]) {
    const response = await apiSignInAttempt(request, { email: user.email, password }, address);
    if (response.status() === 201) {
      found = true;
      break;
    }
  }
  expectAttack(target, found);
});
