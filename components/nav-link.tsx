"use client";

// A link of the main navigation, marked as the current page (aria-current) when the address is
// it or a page under it. A client component: the layout is not rendered again on a client
// navigation, so only the browser knows which page is showing.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const path = href.split("?")[0]!;
  const current = pathname === path || pathname.startsWith(`${path}/`);
  return (
    <Link prefetch={false} href={href} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
