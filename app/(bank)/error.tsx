"use client";

// What a signed-in page shows instead of a blank "Application error" when it or its action
// fails. The proxy's 503 to a server action arrives as an error whose message is the outage text
// (lib/outage.ts): that one is named, and says nothing was done, since the action never ran.
// Anything else is unknown, so it says only what is safe: check before sending money again.
// Never the error's own text.
import { UNAVAILABLE_ACTION_MESSAGE, UNAVAILABLE_TITLE } from "@/lib/service-unavailable";

export default function BankError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const outage = error.message === UNAVAILABLE_ACTION_MESSAGE;
  return (
    <main className="card-page">
      <section role="alert" className="card grid gap-4">
        <h1>{outage ? UNAVAILABLE_TITLE : "Something went wrong"}</h1>
        <p className="text-slate-700">
          {outage
            ? UNAVAILABLE_ACTION_MESSAGE
            : "This could not be completed. If you were sending money, check your account history before you send it again."}
        </p>
        <button type="button" className="btn justify-self-start" onClick={retry}>
          Try again
        </button>
      </section>
    </main>
  );
}
