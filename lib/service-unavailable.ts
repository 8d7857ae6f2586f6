// What people and programs are told while the database cannot be reached: the 503 page, the
// API's `service_unavailable`, the sign-in form and the error boundary all say this. Pure values,
// shared with client components.

export const UNAVAILABLE_TITLE = "Vaultline is temporarily unavailable";

export const UNAVAILABLE_MESSAGE =
  "We cannot reach our records right now, so nothing can be shown or changed. Please try again in a minute.";

/** To a server action the proxy refused before it ran: so it can say that nothing happened. */
export const UNAVAILABLE_ACTION_MESSAGE =
  "We cannot reach our records right now, so this was not done and nothing was changed. Please try again in a minute.";

/** Retry-After on every 503: long enough for a database failover, short enough for a person. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 30;
