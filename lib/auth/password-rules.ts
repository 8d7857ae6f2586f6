// Password length limits, shared by the server checks and the forms (client-safe).
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
