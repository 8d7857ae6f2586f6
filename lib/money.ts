// Money is integer minor units (cents) everywhere; this is the only place it becomes text.
const formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatCents(cents: number): string {
  return formatter.format(cents / 100);
}

/**
 * A ledger entry's amount, signed both ways ("+$4,125.00", "-$12.30"), the same on every page:
 * money in shows its plus sign, money out its minus sign, so the colour is never the only clue.
 */
export function formatAmount(cents: number): string {
  return cents > 0 ? `+${formatCents(cents)}` : formatCents(cents);
}

/** The JSON API's form: dollars as a decimal string with two places ("-12.30"), never a float. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
