import { startTransition, type FormEvent } from "react";

/**
 * Submits a form to a useActionState dispatcher without React's automatic form reset, which
 * would put selects and radio choices back to their first option while the state still shows
 * the chosen ones. What the person typed and chose stays after an error.
 */
export function submitKeepingValues(dispatch: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
}
