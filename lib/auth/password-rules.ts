// Length limits for new passwords, shared by the server check and the form (client-safe).
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
