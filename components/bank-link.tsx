import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { flawOn } from "@/lib/lab/flaws";
import { withSessionId } from "@/lib/session/session-in-url";
import { NavLink } from "./nav-link";

/**
 * Links between signed-in pages. No router prefetch: a prefetch is a request the user did not
 * make, and it must neither count as activity nor render account data ahead of time.
 */
export async function BankLink({ href, ...props }: ComponentProps<typeof Link>) {
  return <Link prefetch={false} href={typeof href === "string" ? await bankHref(href) : href} {...props} />;
}

/** A link of the main navigation, marked when it is the page showing. */
export async function BankNavLink({ href, children }: { href: string; children: ReactNode }) {
  return <NavLink href={await bankHref(href)}>{children}</NavLink>;
}

async function bankHref(href: string): Promise<string> {
  // LAB FLAW token-in-url: every link carries the session ID, into the address bar, history
  // and every link the user shares.
  if (flawOn("token-in-url")) return withSessionId(href);
  return href;
}
