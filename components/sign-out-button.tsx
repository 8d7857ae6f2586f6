"use client";

import { announce } from "./session-channel";

/**
 * A plain form POST to /signout: a full page load, so nothing of the signed-in app stays in
 * memory. Other tabs are told, and follow to the sign-in page.
 */
export function SignOutButton() {
  return (
    <form method="post" action="/signout" onSubmit={() => announce({ type: "signed-out", reason: "signed_out" })}>
      <button type="submit" className="btn btn-secondary">
        Sign out
      </button>
    </form>
  );
}
