// Attack (lab flaw `spoofable-ip`): credential stuffing from one machine. After 20 failures one
// address is locked out; Mallory writes a new address of her own choosing first in
// X-Forwarded-For on each try. The proxy in front appends her real address (as a real proxy
// does); believing the first entry, the server counts every try against a different address,
// and the stolen password that comes after 25 failures still gets in.
import { apiSignInAttempt, documentationAddress } from "../support/api";
import { expect, expectAttack, test } from "../support/fixtures";
import { SIGN_IN_THROTTLE } from "@/lib/auth/throttle-policy";

test("a new forged address per try evades the per-address sign-in limit", async ({
  request,
  user,
  createUser,
  target,
}) => {
  const mallory = documentationAddress();
  const viaProxy = () => ({ "X-Forwarded-For": `${documentationAddress()}, ${mallory}` });
  // The stuffed list: other customers' emails, each with a password that is not theirs (one
  // failure per account, far from its own limit). Real accounts, so each try is a real password
  // check at the test users' bcrypt cost, not an unknown email's at the production cost.
  for (let i = 0; i <= SIGN_IN_THROTTLE.address.failuresPerStep + 4; i += 1) {
    const customer = await createUser();
    const response = await apiSignInAttempt(request, { email: customer.email, password: "password123" }, viaProxy());
    expect([401, 429]).toContain(response.status());
  }
  const stolenCredentials = await apiSignInAttempt(request, user, viaProxy());
  expect([201, 429]).toContain(stolenCredentials.status());
  expectAttack(target, stolenCredentials.status() === 201);
});
