import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  SIGN_IN_FAILED_ERROR_CODE,
  SIGN_IN_MESSAGES,
  signInErrorMessage,
  THROTTLED_ERROR_CODE,
  UNAVAILABLE_ERROR_CODE,
} from "./sign-in-errors";

describe("signInErrorMessage", () => {
  it("names the throttle, and gives one generic text for everything else", () => {
    assert.equal(signInErrorMessage(THROTTLED_ERROR_CODE), "Too many attempts. Try again later.");
    // The outage's code included: from the page's URL, anyone could write it into a link.
    for (const other of [
      "CredentialsSignin",
      SIGN_IN_FAILED_ERROR_CODE,
      UNAVAILABLE_ERROR_CODE,
      "anything",
      "",
      null,
      undefined,
    ]) {
      assert.equal(signInErrorMessage(other), SIGN_IN_MESSAGES.invalid);
    }
  });
});
