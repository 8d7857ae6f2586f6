import { BankPage } from "@/components/bank-page";
import { BankLink } from "@/components/bank-link";
import { listAccounts, listRecentActivity } from "@/lib/bank/accounts";
import { formatCents } from "@/lib/money";
import { requireSession } from "@/lib/session/guard";
import { RecentActivity } from "./recent-activity";

export default async function DashboardPage() {
  const session = await requireSession("medium");
  const [accounts, activity] = await Promise.all([listAccounts(session.userId), listRecentActivity(session.userId)]);
  return (
    <BankPage session={session}>
      <h1>Welcome, {session.user.name}</h1>
      {session.user.role === "admin" && (
        <section aria-labelledby="admin-heading" className="card">
          <h2 id="admin-heading">Administration</h2>
          <p className="mt-1 text-slate-700">
            <BankLink href="/admin">Open the admin panel</BankLink> to manage users and their sessions. Entering it asks
            for your password if you have not just entered it.
          </p>
        </section>
      )}
      {(accounts.length > 0 || session.user.role !== "admin") && (
        <AccountsAndActivity accounts={accounts} activity={activity} />
      )}
    </BankPage>
  );
}

/** A customer's accounts and latest entries (an administrator without accounts is not shown an empty bank). */
function AccountsAndActivity({
  accounts,
  activity,
}: {
  accounts: Awaited<ReturnType<typeof listAccounts>>;
  activity: Awaited<ReturnType<typeof listRecentActivity>>;
}) {
  return (
    <>
      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading" className="mb-3">
          Your accounts
        </h2>
        {accounts.length === 0 ? (
          <p>You have no accounts yet.</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {accounts.map((account) => (
              <li key={account.id}>
                <BankLink
                  href={`/accounts/${account.id}`}
                  className="card grid gap-1 text-slate-900 no-underline transition hover:border-brand-600 hover:shadow-md"
                >
                  <span className="font-semibold text-brand-800">{account.name}</span>
                  <span className="text-sm text-slate-600">{account.number}</span>
                  <span className="mt-3 text-2xl font-semibold tabular-nums" data-testid="balance">
                    {formatCents(account.balanceCents)}
                  </span>
                </BankLink>
              </li>
            ))}
          </ul>
        )}
      </section>
      <RecentActivity entries={activity} />
    </>
  );
}
