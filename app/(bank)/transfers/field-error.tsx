/** A field's message from the server, which the field names in its aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="form-error">
      {message}
    </p>
  ) : null;
}
