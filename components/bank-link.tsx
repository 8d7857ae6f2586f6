import Link from "next/link";
import type { ComponentProps } from "react";
import { flawOn } from "@/lib/lab/flaws";
import { withSessionId } from "@/lib/session/session-in-url";

/**
 * Links between signed-in pages. No router prefetch: a prefetch is a request the user did not
 * make, and it must neither count as activity nor render account data ahead of time.
 */
export async function BankLink({ href, ...props }: ComponentProps<typeof Link>) {
  // LAB FLAW token-in-url: every link carries the session ID, into the address bar, history
  // and every link the user shares.
  if (flawOn("token-in-url") && typeof href === "string") {
    return <Link prefetch={false} href={await withSessionId(href)} {...props} />;
  }
  return <Link prefetch={false} href={href} {...props} />;
}
