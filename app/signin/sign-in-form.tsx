"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export function SignInForm({ initialError, next }: { initialError: string | null; next?: string }) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      callbackUrl: next ?? "/dashboard",
      redirect: false,
    });
    if (result?.ok && !result.error && result.url) {
      // A full page load: the signed-in app starts from the server with the new session.
      window.location.assign(result.url);
      return;
    }
    setPending(false);
    // One message for every failure (it must not tell an attacker which emails have accounts),
    // or the throttle's, which is the same for every email.
    setError(signInErrorMessage(result?.error));
  }

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      {error && <p className="form-error" role="alert">{error}</p>}
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
