// Parses a typed amount into integer cents, strictly: digits with at most two decimals. No
// signs, exponents, separators or whitespace tricks, so "1e3", "-5" and "0.001" never become money.
export const MAX_TRANSFER_CENTS = 1_000_000; // $10,000.00 per transfer

export type AmountResult = { ok: true; cents: number } | { ok: false; message: string };

const AMOUNT_PATTERN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

export function parseAmount(input: string): AmountResult {
  const text = input.trim();
  if (text === "") return { ok: false, message: "Enter an amount." };
  if (text.startsWith("-")) return { ok: false, message: "Enter a positive amount." };
  if (/^\d*\.\d{3,}$/.test(text)) return { ok: false, message: "Amounts have at most two decimal places." };
  const match = AMOUNT_PATTERN.exec(text);
  if (!match) return { ok: false, message: "Enter an amount in dollars and cents, like 12.34." };
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  if (cents === 0) return { ok: false, message: "Enter an amount greater than zero." };
  if (cents > MAX_TRANSFER_CENTS) return { ok: false, message: "A single transfer can be at most $10,000.00." };
  return { ok: true, cents };
}
