// Limits shared by the server and the transfer form (safe to import in client components).
export const MEMO_MAX_LENGTH = 140;
