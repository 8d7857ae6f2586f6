/**
 * The step-up prompt inside a sensitive form: the password field a server action asks for
 * when the session's last password entry is too old (lib/session/step-up.ts).
 */
export function StepUpFields({ intro, message }: { intro: string; message?: string }) {
  return (
    <fieldset className="step-up">
      <legend>Confirm it&apos;s you</legend>
      <p>{intro}</p>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" autoFocus required />
    </fieldset>
  );
}
