/** An error as the one line of text shown to the inspector. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
