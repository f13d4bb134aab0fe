// One bad input and what its error must say; `expectRefused` runs it and checks the error.
import { expect } from 'vitest';

export interface BadInput {
  /** What is wrong, as the test title shows it. */
  title: string;
  /** Makes the call that must be refused (sync or async). */
  run: () => unknown;
  /** The option the error must name. */
  option: string;
  /** The value the error must show (as the message shows it), when there is one. */
  value?: string;
}

// Runs the bad input and returns its error message, failing when nothing is thrown or the error
// does not name the option (in backticks or quoted) and show the value.
export async function expectRefused(input: BadInput): Promise<string> {
  let error: unknown;
  try {
    await input.run();
  } catch (caught) {
    error = caught;
  }
  expect(error, `${input.title}: nothing was thrown`).toBeInstanceOf(Error);
  const { message, code } = error as Error & { code?: unknown };
  expect(code, `${input.title}: ${message}`).toBe('INVALID_OPTION');
  expect(message).toContain(input.option);
  if (input.value !== undefined) expect(message).toContain(input.value);
  return message;
}
