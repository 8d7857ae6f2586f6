// The form a server action was called with. React's client always sends a FormData, but the
// action's arguments are decoded from whatever the request carries: a crafted call can pass
// text, an object or nothing where the form belongs. That is an empty form, answered with the
// form's own errors, not a TypeError and a 500. Every action reads its form through this.
export function submittedForm(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}
