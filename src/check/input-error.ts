/** Input the checker cannot use at all (a missing file, malformed JSON): exit code 2, one line. */
export class InputError extends Error {}
