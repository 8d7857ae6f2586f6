// Money is integer minor units (cents) everywhere; this is the only place it becomes text.
const formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatCents(cents: number): string {
  return formatter.format(cents / 100);
}
