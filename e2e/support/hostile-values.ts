// What the hostile-input suite sends: crafted values a pentester tries first, and fast-check
// arbitraries that mix them with random text, so every property covers both.
import fc from "fast-check";

/** Text that has broken apps before: control characters, markup, SQL, encodings, sizes. */
export const HOSTILE_TEXT = [
  "a\u0000b",
  "\u0000",
  "tab\there",
  "line\r\nbreak",
  "\u0001\u0008\u001b[31m\u007f",
  "\u0085\u009f",
  "\u202ereversed\u202c",
  "\u2066isolate\u2069",
  "\ud800",
  "x\udfffy",
  "\ufeffbom",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  '\'; DROP TABLE "Account"; --',
  "1; SELECT pg_sleep(5)",
  "%00%ff%2e%2e%2f",
  "../../../etc/passwd",
  "${7*7}{{7*7}}",
  "\\",
  "__proto__",
  "constructor",
  "Set-Cookie: vaultline.session=evil",
  "👨‍👩‍👧 ẞ ﷽ 𝕍",
  "A".repeat(10_000),
];

/** Amounts: signs, zero, too many decimals, exponents, huge, other digits, not numbers at all. */
export const HOSTILE_AMOUNTS = [
  "-5",
  "-0.01",
  "0",
  "0.00",
  "0.001",
  "1.234",
  "1e3",
  "1E2",
  "1e-2",
  "0x10",
  "+12",
  ".5",
  "5.",
  "1,000.00",
  "12,34",
  " 12 ",
  "١٢",
  "١٢٫٥٠",
  "１２",
  "𝟙𝟚",
  "१२",
  "Infinity",
  "NaN",
  "10000.01",
  "9007199254740993",
  "99999999999999999999999999",
  "1".repeat(400),
  "",
  "\u000012",
  "12\u0000",
];

/** Account numbers nobody has, or not ours: unknown, foreign formats, lookalikes. */
export const FOREIGN_ACCOUNT_NUMBERS = [
  "VL-0000-0000",
  "VL-9999-9999",
  "GB82WEST12345698765432",
  "DE89 3704 0044 0532 0130 00",
  "021000021",
  "VL-1002-0001\u0000",
  "VL\u20111002\u20110001",
  "ＶＬ-1002-0001",
  "vl-0000-0001 ",
];

/** Any text: crafted, random code points (lone surrogates included), or graphemes. */
export function hostileText(maxLength = 300): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_TEXT),
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: "grapheme", maxLength }),
    fc.string({ maxLength }),
  );
}

/** An amount as text: crafted, plausible, or random numbers written every way. */
export function hostileAmount(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_AMOUNTS),
    fc.integer({ min: -10_000, max: 1_000_000 }).map((n) => (n / 100).toFixed(2)),
    fc.double().map(String),
    fc.bigInt().map(String),
    fc.stringMatching(/^-?\d{0,12}(\.\d{0,4})?(e[+-]?\d{1,3})?$/),
    hostileText(40),
  );
}

/** Any JSON value, including the shapes nobody expects a field to have. */
export function anyJson(): fc.Arbitrary<unknown> {
  return fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText(60), fc.constant({ ["__proto__"]: { admin: true } }));
}

/** Header values an HTTP client can still send: visible ASCII, tab, space and latin1 bytes. */
export function headerValue(maxLength = 200): fc.Arbitrary<string> {
  const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constant(0x09), fc.integer({ min: 0x80, max: 0xff }));
  return fc.array(byte, { maxLength }).map((codes) => String.fromCharCode(...codes).trim());
}

/**
 * Text as one URL path segment, byte by byte (UTF-8; a lone surrogate becomes U+FFFD, as any
 * client would send it: encodeURIComponent throws on one).
 */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0")}`,
    )
    .join("");
}

/**
 * A path segment: random text percent-encoded, or encodings that do not decode. (Dot segments
 * are left out: every client resolves them before sending.)
 */
export function pathSegment(): fc.Arbitrary<string> {
  return fc.oneof(
    hostileText(80).map(percentEncode),
    fc.constantFrom("%ff", "%E0%A4%A", "%", "%zz", "%00", "%2F", "%C0%AF", "%25ff"),
  );
}

/** Strictly "dollars with at most two decimals": the only amounts that may ever move money. */
export function strictCents(amount: unknown): number | null {
  if (typeof amount !== "string") return null;
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
