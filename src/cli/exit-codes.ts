/** Exit codes are public API: 0 nothing failing, 1 findings that fail, 2 unusable input or usage. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
