import { BankLink } from "@/components/bank-link";
import { BankPage } from "@/components/bank-page";
import { requireSession } from "@/lib/session/guard";

// Made once: toLocaleDateString with options builds a new formatter on every call, which was the
// costliest line of a profile render (docs/benchmarks.md).
const sinceFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long" });

export default async function ProfilePage() {
  const session = await requireSession("low");
  const { user } = session;
  return (
    <BankPage session={session}>
      <h1>Profile</h1>
      <dl className="card facts">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
        <dt>Customer since</dt>
        <dd>{sinceFormat.format(user.createdAt)}</dd>
      </dl>
      {user.role === "admin" && (
        <p>
          <BankLink href="/admin" className="btn">
            Open the admin panel
          </BankLink>
        </p>
      )}
    </BankPage>
  );
}
