import { LAB_KEY_PARAMETER } from "@/lib/lab/key";

/**
 * What a browser without the lab's key sees at /lab. The form asks for /lab?key=…, the address
 * `npm run lab` prints: proxy.ts checks the key, sets the access cookie and sends the browser on
 * to the clean /lab, so the key is never rendered or kept in the history.
 */
export function LabKeyPrompt({ refused }: { refused: boolean }) {
  return (
    <main className="signin">
      <h1>Lab key</h1>
      <p>
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
        <label htmlFor="lab-key">Lab key</label>
        <input id="lab-key" name={LAB_KEY_PARAMETER} type="password" autoComplete="off" required />
        <button type="submit" className="button">
          Open the console
        </button>
      </form>
    </main>
  );
}
