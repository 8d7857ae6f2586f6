// Every event, with every reason it is stored with, reads as a sentence: no internal code
// (`step_up`, `admin_elevation`, `newest-wins`) reaches a page through it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SINGLE_SESSION_MODES } from "./admin";
import { END_REASONS } from "./end-reasons";
import { describeEvent } from "./event-words";
import { EVENT_LABELS, type SecurityEventType } from "./events";

const TYPES = Object.keys(EVENT_LABELS) as SecurityEventType[];
const ROTATION_REASONS = ["step_up", "password_change", "admin_elevation"];
const SIGN_IN_FAILURES = ["wrong_password", "unknown_email", "locked", "disabled", "throttled"];
const CODE = /[a-z]+_[a-z_]+|\b(newest|oldest)-wins\b|\bundefined\b|\bnull\b|\[object/;

/** Every detail each type is recorded with (lib/session, lib/auth, lib/admin, proxy.ts). */
function detailsOf(type: SecurityEventType): Record<string, unknown>[] {
  const reasons = (list: readonly string[], extra = {}) => list.map((reason) => ({ reason, ...extra }));
  switch (type) {
    case "session_ended":
      return reasons(END_REASONS, { tier: "high" });
    case "sessions_revoked":
      return [...reasons(END_REASONS, { count: 1 }), ...reasons(END_REASONS, { count: 3 })];
    case "session_rotated":
      return reasons(ROTATION_REASONS, { from: "a1b2c3d4" });
    case "sign_in_failure":
      return reasons(SIGN_IN_FAILURES);
    case "sign_in_success":
      return [{ client: "web" }, { client: "api" }];
    case "cross_site_refused":
      return reasons(["cross_site", "mismatched_host"], { method: "POST", path: "/transfers" });
    case "admin_setting_changed":
      return SINGLE_SESSION_MODES.flatMap((from) =>
        SINGLE_SESSION_MODES.map((to) => ({ setting: "admin.singleSession", from, to })),
      );
    default:
      return [{}, { failures: 5, by: "admin@vaultline.test", sessionsEnded: 2, otherSessionsEnded: 1 }];
  }
}

describe("describeEvent", () => {
  it("says every event type, with every reason it carries, in words", () => {
    for (const type of TYPES) {
      for (const detail of detailsOf(type)) {
        const sentence = describeEvent(type, JSON.stringify(detail));
        assert.doesNotMatch(sentence, CODE, `${type} ${JSON.stringify(detail)}: ${sentence}`);
        assert.match(sentence, /^[A-Z0-9]/, sentence);
      }
    }
  });

  it("tells reasons apart", () => {
    const ended = END_REASONS.map((reason) => describeEvent("session_ended", JSON.stringify({ reason })));
    assert.equal(new Set(ended).size, END_REASONS.length, ended.join("\n"));
    assert.equal(
      describeEvent("session_rotated", JSON.stringify({ reason: "admin_elevation" })),
      "Session given a new ID on entering the admin panel",
    );
    assert.equal(
      describeEvent("sessions_revoked", JSON.stringify({ reason: "revoked_by_admin", count: 2 })),
      "2 sessions ended by an administrator",
    );
  });

  it("shows neither an unknown reason nor a broken detail as code", () => {
    assert.equal(describeEvent("session_ended", JSON.stringify({ reason: "some_new_reason" })), "Session ended");
    assert.equal(describeEvent("session_ended", "not json"), "Session ended");
    assert.equal(describeEvent("no_such_type", "{}"), "Security event");
  });
});
