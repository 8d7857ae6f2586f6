import assert from "node:assert/strict";
import os from "node:os";
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
      assert.equal(await verifyPassword(password, hash, "ascii-emoji"), true);
      for (const longer of [`${password}x`, `${password}${password}`, `${password}é`]) {
        assert.equal(await verifyPassword(longer, hash, "ascii-emoji"), false, `${passwordByteLength(longer)} bytes`);
      }
    }
  });

  it("refuses to hash a password bcrypt would truncate", async () => {
    await assert.rejects(hashPassword(`${ASCII_72}x`), /72 bytes/);
    await assert.rejects(hashPassword(`${EMOJI_72}é`), /72 bytes/);
  });
});

describe("the hash queue", () => {
  it("runs at most one hash fewer than the cores at once across users, and every queued one completes", async () => {
    const slots = Math.max(1, os.availableParallelism() - 1);
    const hash = await hashPassword("queue-test-password");
    const gate = (globalThis as { vaultlineHashGate?: { running: number; waiting: unknown[] } }).vaultlineHashGate!;
    let mostRunning = 0;
    let mostWaiting = 0;
    const watch = setInterval(() => {
      mostRunning = Math.max(mostRunning, gate.running);
      mostWaiting = Math.max(mostWaiting, gate.waiting.length);
    }, 1);
    const results = await Promise.all(
      Array.from({ length: slots + 3 }, (_, i) => verifyPassword("queue-test-password", hash, `user-${i}`)),
    );
    clearInterval(watch);
    assert.deepEqual(results, Array(slots + 3).fill(true));
    assert.equal(mostRunning, slots);
    assert.equal(mostWaiting, 3);
    assert.equal(gate.running, 0);
  });
});

describe("fair hashing", () => {
  it("runs one user's checks one at a time, so another user's check waits for at most one of them", async () => {
    const hash = await hashPassword("fairness-test-password");
    const finished: string[] = [];
    const check = (user: string, i: number) =>
      verifyPassword("fairness-test-password", hash, user).then(() => finished.push(`${user}-${i}`));
    const flood = Array.from({ length: 6 }, (_, i) => check("flooder", i));
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([...flood, check("victim", 0)]);
    const victimAt = finished.indexOf("victim-0");
    assert.ok(
      victimAt >= 0 && victimAt <= 1,
      `the victim finished after ${victimAt} of the flood: ${finished.join(" ")}`,
    );
    assert.equal((globalThis as { vaultlineHashLines?: Map<string, unknown> }).vaultlineHashLines?.size, 0);
  });
});
