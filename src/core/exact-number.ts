/**
 * Numbers as Terraform reads them: arbitrary precision (cty numbers are big floats), so `1e400`
 * is a number like any other and `12345678901234567890123` keeps every digit. A JavaScript
 * number cannot hold these; the parser leaves every number a double can hold faithfully as a
 * plain `number` and wraps the rest in `ExactNumber`, which keeps the text as written.
 */
export class ExactNumber {
  constructor(
    /** The number exactly as written in the file, e.g. `1e400`. */
    readonly text: string,
  ) {}

  /** The nearest double (Infinity for `1e400`): only for comparisons that tolerate rounding. */
  valueOf(): number {
    return Number(this.text);
  }

  toJSON(): number {
    return Number(this.text);
  }
}

export function isJsonNumber(value: unknown): value is number | ExactNumber {
  return typeof value === "number" || value instanceof ExactNumber;
}

/** Beyond this many zeros of padding, plainDecimal keeps an exponent (`1e1000000` is a megabyte of zeros). */
const MAX_PADDING = 1000;

/**
 * A JSON number in plain decimal notation, without exponent, as Terraform prints numbers
 * (`1e3` → `1000`, `1.50` → `1.5`, `1e-3` → `0.001`). Exact: digits are moved, never rounded.
 */
export function plainDecimal(json: string): string {
  const { negative, digits, exponent } = decompose(json);
  if (digits === "") return negative ? "-0" : "0";
  // value = 0.<digits> × 10^exponent
  let text: string;
  if (exponent < -MAX_PADDING || exponent - digits.length > MAX_PADDING) {
    text = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${exponent - 1 >= 0 ? "+" : ""}${exponent - 1}`;
    return negative ? `-${text}` : text;
  }
  if (exponent <= 0) text = `0.${"0".repeat(-exponent)}${digits}`;
  else if (exponent >= digits.length) text = digits + "0".repeat(exponent - digits.length);
  else text = `${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  return negative ? `-${text}` : text;
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Whether `text` is a number as JSON writes it. */
export const isJsonNumberText = (text: string) => JSON_NUMBER.test(text);

/** Whether `json` (a JSON number) means exactly the number a double parsed from it prints as. */
export function isFaithfulDouble(json: string): boolean {
  // Not a JSON number at all: nothing to keep (whoever parses it reports it).
  if (!JSON_NUMBER.test(json)) return true;
  // Up to 15 significant digits without an exponent always survive a round trip through a double.
  if (json.length <= 15 && !/[eE]/.test(json)) return true;
  const double = Number(json);
  if (!Number.isFinite(double)) return false;
  const written = decompose(json);
  const read = decompose(String(double));
  // -0 and 0 are the same number to Terraform.
  if (written.digits === "" && read.digits === "") return true;
  return written.negative === read.negative && written.digits === read.digits && written.exponent === read.exponent;
}

/** `-12.50e1` → negative, significant digits `125`, exponent 3 (value = 0.125 × 10^3). */
function decompose(json: string): { negative: boolean; digits: string; exponent: number } {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(json);
  if (!match) throw new Error(`not a JSON number: ${json}`);
  const [, sign, whole = "", fraction = "", exp = "0"] = match;
  let digits = whole + fraction;
  let exponent = whole.length + Number(exp);
  const leading = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(leading).replace(/0+$/, "");
  exponent -= leading;
  return { negative: sign === "-", digits, exponent };
}
