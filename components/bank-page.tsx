import type { ReactNode } from "react";
import type { CurrentSession } from "@/lib/session/guard";
import { BankLink, BankNavLink } from "./bank-link";
import { Logo } from "./logo";
import { MainMenu } from "./main-menu";
import { SessionChrome } from "./session-chrome";
import { SignOutButton } from "./sign-out-button";

/**
 * The frame of every signed-in page: the header with the main navigation, the page, the timeout
 * warning and the session inspector. The page draws it from the session its own guard returned
 * (`requireSession` on its first line), so there is still one guard and nothing here reads the
 * session again: a layout cannot be given that session, and one that validated it itself would
 * run a second check with its own side effects. That is how the navigation knows the user's
 * role: administrators see "Admin" (entering the panel still asks for step-up, on /admin),
 * customers never do. From 40rem up the session inspector floats at the bottom right, so the
 * page keeps room below its content: scrolled to the end, nothing is left under it.
 */
export function BankPage({ session, children }: { session: CurrentSession; children: ReactNode }) {
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <BankLink
            href="/dashboard"
            className="mr-auto flex items-center gap-2 text-lg font-bold text-slate-900 no-underline md:mr-4"
          >
            <Logo className="size-7" />
            Vaultline
          </BankLink>
          <MainMenu>
            <BankNavLink href="/dashboard">Accounts</BankNavLink>
            <BankNavLink href="/transfers">Transfer</BankNavLink>
            <BankNavLink href="/security">Security</BankNavLink>
            <BankNavLink href="/profile">Profile</BankNavLink>
            {session.user.role === "admin" && <BankNavLink href="/admin">Admin</BankNavLink>}
          </MainMenu>
          <div className="md:ml-auto">
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6 sm:pt-8 sm:pb-20">
        <SessionChrome session={session} />
        {children}
      </main>
    </>
  );
}
