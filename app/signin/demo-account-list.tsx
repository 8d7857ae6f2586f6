"use client";

export type DemoAccount = { email: string; password: string; name: string; summary: string };

/** The demo accounts (demo-accounts.ts says where they are listed), each with a button that fills in the form. */
export function DemoAccountList({
  accounts,
  onUse,
}: {
  accounts: DemoAccount[];
  onUse: (account: DemoAccount) => void;
}) {
  return (
    <section className="mt-2 border-t border-slate-200 pt-4" aria-labelledby="demo-accounts-heading">
      <h2 id="demo-accounts-heading" className="text-base">
        Demo accounts
      </h2>
      <p className="hint">Listed on development and lab servers only, never in production.</p>
      <ul className="mt-2 divide-y divide-slate-200">
        {accounts.map((account) => (
          <li key={account.email} className="grid justify-items-start gap-0.5 py-2 text-sm">
            <button type="button" className="link-button" onClick={() => onUse(account)}>
              Fill in {account.name}
            </button>
            <span className="text-slate-600">{account.summary}</span>
            <span>
              <code>{account.email}</code> · <code>{account.password}</code>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
