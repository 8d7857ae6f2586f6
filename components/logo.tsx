/** The bank's mark (the same drawing as app/icon.svg), beside its name; decorative. */
export function Logo({ className }: { className: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={className}>
      <rect width="32" height="32" rx="7" className="fill-brand-700" />
      <path d="M8 9h4l4 11 4-11h4l-6.2 15h-3.6z" className="fill-white" />
    </svg>
  );
}
