import { LAB_KEY_PARAMETER } from "@/lib/lab/key";

/**
 * What a browser without the lab's key sees at /lab. The form asks for /lab?key=…, the address
 * `npm run lab` prints: proxy.ts checks the key, sets the access cookie and sends the browser on
 * to the clean /lab, so the key is never rendered or kept in the history.
 */
export function LabKeyPrompt({ refused }: { refused: boolean }) {
  return (
    <main className="card-page">
      <div className="card grid gap-4">
        <h1>Lab key</h1>
        <p className="text-slate-700">
          This lab&apos;s console switches defenses off and resets every account, so it asks for the key that{" "}
          <code>npm run lab</code> printed when it started. Open the address it printed (it ends in{" "}
          <code>/lab?key=…</code>), or paste the key here. This browser then keeps it until it closes.
        </p>
        {refused && (
          <p className="form-error" role="alert">
            That is not this lab&apos;s key. Each start of the lab prints a new one.
          </p>
        )}
        <form method="get" action="/lab" className="form">
          <label htmlFor="lab-key" className="label">
            Lab key
          </label>
          <input id="lab-key" name={LAB_KEY_PARAMETER} type="password" className="input" autoComplete="off" required />
          <button type="submit" className="btn mt-4 justify-self-start">
            Open the console
          </button>
        </form>
      </div>
    </main>
  );
}
