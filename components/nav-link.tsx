"use client";

// A link of the main navigation, marked as the current page (aria-current) when the address is
// it or a page under it. A client component: it reads the address the browser shows, which is the
// page showing after a client navigation too.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const path = href.split("?")[0]!;
  const current = pathname === path || pathname.startsWith(`${path}/`);
  return (
    <Link
      prefetch={false}
      href={href}
      aria-current={current ? "page" : undefined}
      // The page showing is marked by more than colour: bold, and a bar under it.
      className="rounded-md border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-700 no-underline hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:border-brand-700 aria-[current=page]:font-semibold aria-[current=page]:text-brand-800 max-md:aria-[current=page]:bg-brand-50"
    >
      {children}
    </Link>
  );
}
