import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hashPassword, verifyPassword } from "./password";
import { MAX_PASSWORD_BYTES, passwordByteLength } from "./password-rules";

const ASCII_72 = "violet-harbour-engine-".repeat(3) + "abcdef";
const EMOJI_72 = "🔒".repeat(18);

describe("the 72-byte bcrypt limit", () => {
  it("counts UTF-8 bytes, not characters", () => {
    assert.equal(MAX_PASSWORD_BYTES, 72);
    assert.equal(passwordByteLength(ASCII_72), 72);
    assert.equal(passwordByteLength(EMOJI_72), 72);
    assert.equal(EMOJI_72.length, 36);
    assert.equal(passwordByteLength("é"), 2);
  });

  it("never treats a password and a longer one sharing its first 72 bytes as the same", async () => {
    for (const password of [ASCII_72, EMOJI_72]) {
      const hash = await hashPassword(password);
      assert.equal(await verifyPassword(password, hash), true);
      for (const longer of [`${password}x`, `${password}${password}`, `${password}é`]) {
        assert.equal(await verifyPassword(longer, hash), false, `${passwordByteLength(longer)} bytes`);
      }
    }
  });

  it("refuses to hash a password bcrypt would truncate", async () => {
    await assert.rejects(hashPassword(`${ASCII_72}x`), /72 bytes/);
    await assert.rejects(hashPassword(`${EMOJI_72}é`), /72 bytes/);
  });
});
