import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * Links between signed-in pages. No router prefetch: a prefetch is a request the user did not
 * make, and it must neither count as activity nor render account data ahead of time.
 */
export function BankLink(props: ComponentProps<typeof Link>) {
  return <Link prefetch={false} {...props} />;
}
