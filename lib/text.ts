// Rules for text that arrives in a request and is stored or used to look something up. Pure
// (safe in client components), one definition each, so the web forms and the JSON API agree.

// Control characters (NUL, escape sequences, line breaks in a one-line field) belong in no memo
// or email and display differently in every viewer; PostgreSQL refuses NUL in text outright (an
// error, where SQLite quietly stores it); and an unpaired UTF-16 surrogate cannot be written as
// UTF-8 by either database. Bidirectional overrides and isolates make text display in another
// order than it is stored ("Trojan Source"): a payee would read a memo that is not the memo.
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/u;

export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE_CHARACTERS.test(text);
}

// Every ID the database issues is a cuid (Prisma's default): letters and digits. This admits
// UUIDs and nanoids too, in case the schema changes. Anything else cannot name a row, and is
// answered as "not found" without a query: on PostgreSQL a NUL byte in a query is an error.
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** True when `value` could be the ID of a row; an ID taken from a request is checked first. */
export function isRecordId(value: string): boolean {
  return RECORD_ID.test(value);
}
