import { SessionChrome } from "@/components/session-chrome";
import { BankLink } from "@/components/bank-link";
import { listAccounts, listRecentActivity } from "@/lib/bank/accounts";
import { formatCents } from "@/lib/money";
import { requireSession } from "@/lib/session/guard";
import { RecentActivity } from "./recent-activity";

export default async function DashboardPage() {
  const session = await requireSession("medium");
  const [accounts, activity] = await Promise.all([listAccounts(session.userId), listRecentActivity(session.userId)]);
  return (
    <>
      <SessionChrome session={session} />
      <h1>Welcome, {session.user.name}</h1>
      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">Your accounts</h2>
        {accounts.length === 0 ? (
          <p>You have no accounts yet.</p>
        ) : (
          <ul className="cards">
            {accounts.map((account) => (
              <li key={account.id} className="card">
                <BankLink href={`/accounts/${account.id}`}>
                  <span className="card-title">{account.name}</span>
                  <span className="muted">{account.number}</span>
                  <span className="balance" data-testid="balance">
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
