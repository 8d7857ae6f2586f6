import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SIGN_IN_MESSAGES, signInErrorMessage, THROTTLED_ERROR_CODE } from "./sign-in-errors";

describe("signInErrorMessage", () => {
  it("names the throttle, and gives one generic text for everything else", () => {
    assert.equal(signInErrorMessage(THROTTLED_ERROR_CODE), "Too many attempts. Try again in 15 minutes.");
    for (const other of ["CredentialsSignin", "anything", "", null, undefined]) {
      assert.equal(signInErrorMessage(other), SIGN_IN_MESSAGES.invalid);
    }
  });
});
