/**
 * In Terraform JSON syntax every string is a template: `${…}` interpolations and `%{…}`
 * directives make it an expression whose value is unknown before plan, while `$${` and `%%{` are
 * escapes for the literal characters. Scanning left to right with the escapes listed first gives
 * HCL's own reading (`"$$${x}"` is the literal `$${x}`, as `terraform console` shows).
 */
const TEMPLATE_MARKERS = /\$\$\{|%%\{|\$\{|%\{/g;

export function isTemplateExpression(value: unknown): value is string {
  if (typeof value !== "string") return false;
  for (const match of value.matchAll(TEMPLATE_MARKERS)) {
    if (match[0] === "${" || match[0] === "%{") return true;
  }
  return false;
}
