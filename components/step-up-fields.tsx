/**
 * The step-up prompt inside a sensitive form: the password field a server action asks for
 * when the session's last password entry is too old (lib/session/step-up.ts).
 */
export function StepUpFields({ intro, message }: { intro: string; message?: string }) {
  return (
    <fieldset className="mt-2 grid gap-2 rounded-xl border border-brand-200 bg-brand-50 p-4">
      <legend className="rounded-md bg-white px-2 font-semibold text-brand-900">Confirm it&apos;s you</legend>
      <p className="text-slate-800">{intro}</p>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      <label htmlFor="password" className="label">
        Password
      </label>
      <input
        id="password"
        name="password"
        type="password"
        className="input"
        autoComplete="current-password"
        autoFocus
        required
      />
    </fieldset>
  );
}
