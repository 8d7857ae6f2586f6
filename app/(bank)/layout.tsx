import { BankLink, BankNavLink } from "@/components/bank-link";
import { SignOutButton } from "@/components/sign-out-button";
import { publicPage } from "@/lib/session/guard";

// The frame of every signed-in page. It shows nothing about the user: each page validates the
// session itself at its own tier (a layout does not re-run on client navigation).
export default function BankLayout({ children }: { children: React.ReactNode }) {
  publicPage();
  return (
    <>
      <header className="topbar">
        <BankLink href="/dashboard" className="brand">
          Vaultline
        </BankLink>
        <nav aria-label="Main">
          <BankNavLink href="/dashboard">Accounts</BankNavLink>
          <BankNavLink href="/transfers">Transfer</BankNavLink>
          <BankNavLink href="/security">Security</BankNavLink>
          <BankNavLink href="/profile">Profile</BankNavLink>
        </nav>
        <SignOutButton />
      </header>
      <main className="content">{children}</main>
    </>
  );
}
