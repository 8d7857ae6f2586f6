"use client";

import { useRef, useState, type FormEvent } from "react";
import { SIGN_IN_MESSAGES, signInErrorMessage, UNAVAILABLE_ERROR_CODE } from "@/lib/auth/sign-in-errors";
import { DemoAccountList, type DemoAccount } from "./demo-account-list";

type SignInOutcome = { ok: true; url: string } | { ok: false; message: string };

// The database cannot be reached (the proxy's 503, or UNAVAILABLE_ERROR_CODE from a sign-in it
// cut short): nobody was let in, and saying so beats "incorrect password". Never read from the
// page's URL, so a link cannot make the page claim an outage.
const UNAVAILABLE: SignInOutcome = { ok: false, message: SIGN_IN_MESSAGES.unavailable };

/**
 * The only two next-auth routes the app exposes (app/api/auth/[...nextauth]/route.ts): its CSRF
 * token, which it also sets in an HttpOnly cookie (double submit), then the Credentials
 * callback. `json: true` asks for `{ url }` instead of a redirect, as next-auth/react does.
 */
async function signInWithCredentials(fields: {
  email: string;
  password: string;
  callbackUrl: string;
}): Promise<SignInOutcome> {
  try {
    const csrf = await fetch("/api/auth/csrf", { cache: "no-store" });
    if (csrf.status === 503) return UNAVAILABLE;
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, csrfToken, json: "true" }),
    });
    if (response.status === 503) return UNAVAILABLE;
    const { url } = (await response.json()) as { url?: unknown };
    if (typeof url !== "string") return failed(null);
    const target = new URL(url, window.location.origin);
    const error = target.searchParams.get("error");
    // A failed CSRF check answers with next-auth's own sign-in page, which does not exist here.
    if (response.ok && !error && !target.pathname.startsWith("/api/auth/")) return { ok: true, url: target.href };
    if (error === UNAVAILABLE_ERROR_CODE) return UNAVAILABLE;
    return failed(error);
  } catch {
    return failed(null);
  }
}

/** One message for every failure (it must not tell an attacker which emails have accounts), or the throttle's. */
function failed(error: string | null): SignInOutcome {
  return { ok: false, message: signInErrorMessage(error) };
}

export function SignInForm({
  initialError,
  next,
  demoAccounts,
}: {
  initialError: string | null;
  next?: string;
  demoAccounts: DemoAccount[];
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const submit = useRef<HTMLButtonElement>(null);

  /** Fills in a demo account and moves focus to "Sign in": one more key (Enter) signs in. */
  function fillInDemoAccount(account: DemoAccount) {
    email.current!.value = account.email;
    password.current!.value = account.password;
    submit.current!.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signInWithCredentials({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      callbackUrl: next ?? "/dashboard",
    });
    if (result.ok) {
      // A full page load: the signed-in app starts from the server with the new session.
      window.location.assign(result.url);
      return;
    }
    setPending(false);
    setError(result.message);
  }

  return (
    <>
      <form onSubmit={onSubmit} className="form" noValidate>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <label htmlFor="email" className="label">
          Email
        </label>
        <input ref={email} id="email" name="email" type="email" className="input" autoComplete="username" required />
        <label htmlFor="password" className="label">
          Password
        </label>
        <input
          ref={password}
          id="password"
          name="password"
          type="password"
          className="input"
          autoComplete="current-password"
          required
        />
        <button ref={submit} type="submit" className="btn mt-4 w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {demoAccounts.length > 0 && <DemoAccountList accounts={demoAccounts} onUse={fillInDemoAccount} />}
    </>
  );
}
