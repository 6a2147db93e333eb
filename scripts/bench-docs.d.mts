// Types of bench-docs.mjs for the TypeScript tests that reuse its generated postmortems.
/** A generated postmortem of about `targetLines` lines; the same `seed` gives the same text. */
export function generatePostmortem(targetLines: number, seed?: number): string;
