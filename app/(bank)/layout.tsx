import Link from "next/link";

// The frame of every signed-in page. It shows nothing about the user: each page validates the
// session itself at its own tier (a layout does not re-run on client navigation).
export default function BankLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="topbar">
        <Link href="/dashboard" className="brand">Vaultline</Link>
        <nav aria-label="Main">
          <Link href="/dashboard">Accounts</Link>
          <Link href="/transfers">Transfer</Link>
          <Link href="/security">Security</Link>
          <Link href="/profile">Profile</Link>
        </nav>
        {/* A plain form POST: a full page load, so nothing of the signed-in app stays in memory. */}
        <form method="post" action="/signout">
          <button type="submit" className="button secondary">Sign out</button>
        </form>
      </header>
      <main className="content">{children}</main>
    </>
  );
}
