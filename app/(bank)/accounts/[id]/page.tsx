import { BankPage } from "@/components/bank-page";
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
    <BankPage session={session}>
      <p className="text-sm">
        <BankLink href="/dashboard">← All accounts</BankLink>
      </p>
      <div className="card flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1>{account.name}</h1>
          <p className="text-slate-600">{account.number}</p>
        </div>
        <p className="grid text-right">
          <span className="text-sm text-slate-600">Balance</span>{" "}
          <strong className="text-3xl font-semibold tabular-nums" data-testid="balance">
            {formatCents(account.balanceCents)}
          </strong>
        </p>
      </div>
      <section aria-labelledby="transactions-heading">
        <h2 id="transactions-heading" className="mb-3">
          Transactions
        </h2>
        {account.entries.length === 0 ? (
          <p className="text-slate-700">No transactions yet.</p>
        ) : (
          <div className="table-card">
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
                    <td data-label="Date">{dateFormat.format(entry.createdAt)}</td>
                    <td data-label="Description">{entry.description}</td>
                    <td data-label="Memo">{entry.memo && <Memo text={entry.memo} />}</td>
                    <td
                      data-label="Amount"
                      className={entry.amountCents < 0 ? "num text-red-700" : "num text-green-700"}
                    >
                      {formatAmount(entry.amountCents)}
                    </td>
                    <td data-label="Balance" className="num">
                      {formatCents(entry.balanceAfterCents)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </BankPage>
  );
}
