/**
 * Text that comes from the input (keys, values, file names) in a human format. Control
 * characters are written as escapes (`\n`, `\u001b`), so a key can neither start a line of its
 * own — a GitHub Actions log reads a line starting with `::error::` as a workflow command, even
 * indented — nor send ANSI escape sequences to a terminal; bidirectional overrides are escaped
 * too, so text cannot display in another order than it is read.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
