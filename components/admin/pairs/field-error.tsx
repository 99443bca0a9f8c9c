/** The message under a form control; its id is what the control's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700 dark:text-red-300" role="alert">
      {message}
    </p>
  );
}
