/**
 * The cheap test of whether a string is an expression at all, no parse: in Terraform JSON syntax
 * every string is a template, and `${…}` interpolations and `%{…}` directives make it an
 * expression whose value is unknown before plan, while `$${` and `%%{` are escapes for the
 * literal characters. Scanning left to right with the escapes listed first gives HCL's own
 * reading (`"$$${x}"` is the literal `$${x}`, as `terraform console` shows). One quirk of HCL's
 * scanner is kept too: a carriage return without a line feed ends its reading of a template, so a
 * sequence after one is literal text.
 */
const TEMPLATE_MARKERS = /\$\$\{|%%\{|\$\{|%\{/g;
const LONE_CARRIAGE_RETURN = /\r(?!\n)/;

export function isTemplateExpression(value: unknown): value is string {
  if (typeof value !== "string") return false;
  // Most strings settle without the regular expression: no brace (one scan), no sequence at all, or no escape.
  if (value.indexOf("{", 1) < 0) return false;
  const interpolation = value.indexOf("${");
  const directive = value.indexOf("%{");
  if (interpolation < 0 && directive < 0) return false;
  if (!value.includes("$${") && !value.includes("%%{")) {
    const first = interpolation < 0 ? directive : directive < 0 ? interpolation : Math.min(interpolation, directive);
    return !value.includes("\r") || !LONE_CARRIAGE_RETURN.test(value.slice(0, first));
  }
  for (const match of value.matchAll(TEMPLATE_MARKERS)) {
    if (match[0] === "${" || match[0] === "%{") {
      return !value.includes("\r") || !LONE_CARRIAGE_RETURN.test(value.slice(0, match.index));
    }
  }
  return false;
}

/**
 * A reference Terraform reads as a bare traversal (`provider`, `configuration_aliases`), without
 * the `${…}` that HCL-to-JSON converters and cdktf tokens may wrap it in: `${aws.west}` → `aws.west`.
 */
export function bareReference(text: string): string {
  return text.replace(/^\$\{(.*)\}$/s, "$1").trim();
}
