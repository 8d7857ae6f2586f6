// Limits shared by the server and the transfer form (safe to import in client components).
export const MEMO_MAX_LENGTH = 140;

/** Account numbers as customers type them (uppercased first), e.g. VL-1002-0001. */
export const ACCOUNT_NUMBER_PATTERN = /^[A-Z0-9-]{4,32}$/;

/** The JSON API's history pages. */
export const TRANSACTIONS_PAGE = {
  defaultLimit: 25,
  /** One request never reads more than this: a client cannot ask for the whole ledger at once. */
  maxLimit: 100,
} as const;
