import { SessionChrome } from "@/components/session-chrome";
import { BankLink } from "@/components/bank-link";
import { Memo } from "@/components/memo";
import { notFound } from "next/navigation";
import { getAccountHistory } from "@/lib/bank/accounts";
import { formatAmount, formatCents } from "@/lib/money";
import { requireSession } from "@/lib/session/guard";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession("medium");
  const { id } = await params;
  const account = await getAccountHistory(session.userId, id);
  if (!account) notFound();
  return (
    <>
      <SessionChrome session={session} />
      <p>
        <BankLink href="/dashboard">← All accounts</BankLink>
      </p>
      <h1>{account.name}</h1>
      <p className="muted">{account.number}</p>
      <p className="balance-large">
        Balance <strong data-testid="balance">{formatCents(account.balanceCents)}</strong>
      </p>
      <h2 id="transactions-heading">Transactions</h2>
      {account.entries.length === 0 ? (
        <p>No transactions yet.</p>
      ) : (
        <table className="ledger" aria-labelledby="transactions-heading">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Description</th>
              <th scope="col">Memo</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {account.entries.map((entry) => (
              <tr key={entry.id}>
                <td>{dateFormat.format(entry.createdAt)}</td>
                <td>{entry.description}</td>
                <td>{entry.memo && <Memo text={entry.memo} />}</td>
                <td className={entry.amountCents < 0 ? "num debit" : "num credit"}>
                  {formatAmount(entry.amountCents)}
                </td>
                <td className="num">{formatCents(entry.balanceAfterCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
