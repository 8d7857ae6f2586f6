import { BankLink } from "@/components/bank-link";
import { Memo } from "@/components/memo";
import type { listRecentActivity } from "@/lib/bank/accounts";
import { formatAmount } from "@/lib/money";

type Entry = Awaited<ReturnType<typeof listRecentActivity>>[number];

// Made once, not once per row.
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });

/**
 * The latest entries across the user's accounts. Memos are typed by other customers, so they go
 * through <Memo>, the one component that renders them, exactly as on the account page.
 */
export function RecentActivity({ entries }: { entries: Entry[] }) {
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading" className="mb-3">
        Recent activity
      </h2>
      {entries.length === 0 ? (
        <p className="text-slate-700">No transactions yet. Money you send or receive will show here.</p>
      ) : (
        <div className="table-card">
          <table className="ledger" aria-labelledby="activity-heading">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Account</th>
                <th scope="col">Description</th>
                <th scope="col">Memo</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label="Date">{dateFormat.format(entry.createdAt)}</td>
                  <td data-label="Account">
                    <BankLink href={`/accounts/${entry.account.id}`}>{entry.account.name}</BankLink>
                  </td>
                  <td data-label="Description">{entry.description}</td>
                  <td data-label="Memo">{entry.memo && <Memo text={entry.memo} />}</td>
                  <td data-label="Amount" className={entry.amountCents < 0 ? "num text-red-700" : "num text-green-700"}>
                    {formatAmount(entry.amountCents)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
