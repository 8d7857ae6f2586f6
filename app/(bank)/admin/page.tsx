import { BankPage } from "@/components/bank-page";
import { listUsersWithSessions, searchEvents } from "@/lib/admin/directory";
import { singleSessionMode, SINGLE_SESSION_MODE_WORDS, SINGLE_SESSION_MODES } from "@/lib/session/admin";
import { describeDevice } from "@/lib/session/device";
import { describeEvent } from "@/lib/session/event-words";
import { EVENT_LABELS } from "@/lib/session/events";
import { requireSession } from "@/lib/session/guard";
import { isFreshlyAuthenticated } from "@/lib/session/step-up";
import {
  changeSingleSessionMode,
  disableAccount,
  endAllUserSessions,
  endUserSession,
  unlockUserAccount,
} from "./actions";
import { EnterAdminForm } from "./enter-form";

type Search = { type?: string; user?: string; from?: string; to?: string };

// A row of labelled controls that wraps on a narrow screen.
const INLINE_FORM = "flex flex-wrap items-center gap-x-3 gap-y-2";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" });

function parseDate(value: string | undefined): Date | undefined {
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

export default async function AdminPage({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await requireSession("high", { role: "admin" });
  if (!session.elevatedAt) {
    return (
      <BankPage session={session}>
        <h1>Admin panel</h1>
        <p className="lead">
          Entering the admin panel confirms your password and gives this session a new ID. Admin sessions end after 2
          hours.
        </p>
        <EnterAdminForm needsPassword={!isFreshlyAuthenticated(session)} />
      </BankPage>
    );
  }
  const search = await searchParams;
  const [users, mode, events] = await Promise.all([
    listUsersWithSessions(),
    singleSessionMode(),
    searchEvents({ type: search.type, userId: search.user, from: parseDate(search.from), to: parseDate(search.to) }),
  ]);
  return (
    <BankPage session={session}>
      <h1>Admin panel</h1>

      <section aria-labelledby="single-session-heading" className="card grid grid-cols-1 gap-4">
        <h2 id="single-session-heading">Admin single-session option</h2>
        <form action={changeSingleSessionMode} className={INLINE_FORM}>
          <label htmlFor="mode" className="label mt-0 basis-full">
            When an admin opens the panel in a second session
          </label>
          <select id="mode" name="mode" defaultValue={mode} className="input w-auto">
            {SINGLE_SESSION_MODES.map((m) => (
              <option key={m} value={m}>
                {SINGLE_SESSION_MODE_WORDS[m].name}
              </option>
            ))}
          </select>
          <button type="submit" className="btn">
            Save option
          </button>
        </form>
        <dl className="grid gap-2 text-sm">
          {SINGLE_SESSION_MODES.map((m) => (
            <div key={m}>
              <dt className="font-semibold">{SINGLE_SESSION_MODE_WORDS[m].name}</dt>
              <dd className="text-slate-700">{SINGLE_SESSION_MODE_WORDS[m].explained}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3">
          Users and live sessions
        </h2>
        <div className="table-card">
          <table className="ledger" aria-label="Users">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Live sessions</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td data-label="User">
                    {u.name}
                    <br />
                    <span className="text-slate-600">
                      {u.email} · {u.role}
                      {u.disabledAt ? " · disabled" : ""}
                      {u.lockedAt ? ` · locked since ${dateFormat.format(u.lockedAt)}` : ""}
                    </span>
                  </td>
                  <td data-label="Live sessions">
                    <ul className="grid gap-1">
                      {u.sessions.map((s) => (
                        <li key={s.id}>
                          {describeDevice(s.userAgent, s.clientType)} · {s.ip ?? "?"} · last active{" "}
                          {dateFormat.format(s.lastSeenAt)}
                          {s.elevatedAt ? " · admin" : ""}
                          {s.id !== session.id && (
                            <form action={endUserSession} className="ml-2 inline">
                              <input type="hidden" name="userId" value={u.id} />
                              <input type="hidden" name="sessionId" value={s.id} />
                              <button
                                type="submit"
                                className="link-button"
                                aria-label={`End session of ${u.email} on ${describeDevice(s.userAgent, s.clientType)}`}
                              >
                                End
                              </button>
                            </form>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {u.id !== session.userId && (
                      <div className="flex flex-wrap gap-2">
                        <form action={endAllUserSessions} className="ml-2 inline">
                          <input type="hidden" name="userId" value={u.id} />
                          <button
                            type="submit"
                            className="btn btn-secondary"
                            aria-label={`End all sessions of ${u.email}`}
                          >
                            End all sessions
                          </button>
                        </form>
                        {u.lockedAt && (
                          <form action={unlockUserAccount} className="ml-2 inline">
                            <input type="hidden" name="userId" value={u.id} />
                            <button
                              type="submit"
                              className="btn btn-secondary"
                              aria-label={`Unlock account of ${u.email}`}
                            >
                              Unlock
                            </button>
                          </form>
                        )}
                        {!u.disabledAt && (
                          <form action={disableAccount} className="ml-2 inline">
                            <input type="hidden" name="userId" value={u.id} />
                            <button
                              type="submit"
                              className="btn btn-secondary"
                              aria-label={`Disable account of ${u.email}`}
                            >
                              Disable account
                            </button>
                          </form>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="events-heading" className="grid grid-cols-1 gap-3">
        <h2 id="events-heading">Security events</h2>
        <form method="get" className={`card ${INLINE_FORM}`} aria-label="Filter events">
          <label htmlFor="type" className="label mt-0">
            Type
          </label>
          <select id="type" name="type" defaultValue={search.type ?? ""} className="input w-auto">
            <option value="">All types</option>
            {Object.entries(EVENT_LABELS).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
          <label htmlFor="user" className="label mt-0">
            User
          </label>
          <select id="user" name="user" defaultValue={search.user ?? ""} className="input w-auto">
            <option value="">All users</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email}
              </option>
            ))}
          </select>
          <label htmlFor="from" className="label mt-0">
            From
          </label>
          <input id="from" name="from" type="datetime-local" defaultValue={search.from} className="input w-auto" />
          <label htmlFor="to" className="label mt-0">
            To
          </label>
          <input id="to" name="to" type="datetime-local" defaultValue={search.to} className="input w-auto" />
          <button type="submit" className="btn btn-secondary">
            Filter
          </button>
        </form>
        <div className="table-card">
          <table className="ledger" aria-label="Security events">
            <thead>
              <tr>
                <th scope="col">Last seen</th>
                <th scope="col">Times</th>
                <th scope="col">User</th>
                <th scope="col">Event</th>
                <th scope="col">Session</th>
                <th scope="col">IP address</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td data-label="Last seen">{dateFormat.format(e.lastSeenAt)}</td>
                  <td data-label="Times">{e.count}</td>
                  <td data-label="User">{e.user?.email ?? "—"}</td>
                  <td data-label="Event">{describeEvent(e.type, e.detail)}</td>
                  <td data-label="Session">
                    <code>{e.sessionFingerprint ?? "—"}</code>
                  </td>
                  <td data-label="IP address">{e.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </BankPage>
  );
}
