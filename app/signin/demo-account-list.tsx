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
    <section className="demo-accounts" aria-labelledby="demo-accounts-heading">
      <h2 id="demo-accounts-heading">Demo accounts</h2>
      <p className="muted">Listed on development and lab servers only, never in production.</p>
      <ul className="plain">
        {accounts.map((account) => (
          <li key={account.email}>
            <button type="button" className="link-button" onClick={() => onUse(account)}>
              Fill in {account.name}
            </button>
            <span className="muted">{account.summary}</span>
            <span>
              <code>{account.email}</code> · <code>{account.password}</code>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
