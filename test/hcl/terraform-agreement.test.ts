/**
 * The parser against Terraform 1.11.4: template strings (valid ones, and every kind of syntax
 * error HCL reports) with Terraform's diagnostics recorded in terraform-templates.json. Where
 * `terraform` is on PATH the records are re-checked live, and seeded random edits of real
 * templates are judged too. Re-record with `RECORD=1 npx vitest run test/hcl/terraform-agreement.test.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTemplate } from "../../src/hcl/index.js";
import { type TerraformDiagnostic, terraformVerdicts } from "./terraform-templates.js";
import { terraformForTests } from "../terraform-on-path.js";

const RECORDS = new URL("terraform-templates.json", import.meta.url);

const CASES: Record<string, string> = {
  "plain": "hello",
  "interp": "${var.v}",
  "template": "a-${var.v}-b",
  "unclosed": "${var.v",
  "unclosed after text": "x${var.v",
  "for missing arrow": "${{for k, v in local.m : k v}}",
  "tuple for with key": "${[for k, v in local.m : k => v]}",
  "tuple for ellipsis": "${[for k, v in local.m : v...]}",
  "object for group": "${{for k, v in local.m : v => k...}}",
  "for no var": "${[for in local.m : 1]}",
  "for no in": "${[for x local.m : 1]}",
  "for no colon": "${[for x in local.m 1]}",
  "for comma no value": "${[for x, in local.m : 1]}",
  "for if": "${[for x in local.m : x if x != null]}",
  "string unterminated": "x${\"abc}",
  "binop missing": "${1 +}",
  "legacy": "${local.m.0.1}",
  "legacy ok": "${local.m.0}",
  "legacy splat": "${local.m.*.a.0.1}",
  "if no endif": "%{ if true }x",
  "bad char": "${local.m $ 1}",
  "colon": "${local.m:b}",
  "extra": "${local.m local.m}",
  "empty": "${}",
  "bad directive": "%{ iff true }",
  "nested unclosed": "${\"${local.m\"}",
  "else alone": "%{else}",
  "endif alone": "%{endif}",
  "endfor in if": "%{if true}a%{endfor}",
  "else in for": "%{for x in local.m}a%{else}b%{endfor}",
  "double else": "%{if true}a%{else}b%{else}c%{endif}",
  "for directive no name": "%{for in local.m}%{endfor}",
  "for directive no in": "%{for x y}%{endfor}",
  "directive not ident": "%{ 1 }",
  "directive extra": "%{ endif x }",
  "if extra": "%{ if true false }x%{endif}",
  "bitwise": "${1 & 2}",
  "bitwise or": "${true | false}",
  "xor": "${1 ^ 2}",
  "tilde": "${~ local.m ~}",
  "semicolon": "${1;}",
  "apostrophe": "${'a'}",
  "backtick": "${`a`}",
  "curly": "${“a”}",
  "missing false": "${true ? 1}",
  "conditional ok": "${true ? 1 : 2}",
  "nested cond": "${true ? false ? 1 : 2 : 3}",
  "paren unbalanced": "${(1 + 2}",
  "paren ok": "${(1 + 2) * 3}",
  "invalid attr": "${local.m.}",
  "invalid attr 2": "${local.m.\"x\"}",
  "splat ok": "${local.m[*].id}",
  "splat bad close": "${local.m[*x}",
  "attr splat nested": "${local.m.*.*}",
  "attr splat bad": "${local.m.*.(1)}",
  "index unclosed": "${local.m[0}",
  "index expr": "${local.m[local.m]}",
  "number bad": "${1.2.3}",
  "number ok": "${1e3 + 0.5}",
  "fn ok": "${upper(\"x\")}",
  "fn missing sep": "${max(1 2)}",
  "fn unterminated": "${max(1, 2}",
  "fn eof": "${max(1,",
  "fn expand": "${max([1, 2]...)}",
  "fn expand extra": "${max([1, 2]..., 3)}",
  "fn trailing comma": "${max(1, 2,)}",
  "ns missing name": "${provider::(1)}",
  "ns missing paren": "${core::upper}",
  "ns ok": "${core::upper(\"a\")}",
  "tuple unterminated": "${[1, 2}",
  "tuple missing sep": "${[1 2]}",
  "tuple eof": "${[1,",
  "object missing value": "${{a = 1, b}}",
  "object missing sep ident": "${{a 1}}",
  "object missing sep": "${{a 1.5}}",
  "object eof": "${{a = 1",
  "object missing attr sep": "${{a = 1 b = 2}}",
  "object colon ok": "${{a: 1, \"b\" = 2}}",
  "object newline ok": "${{\na = 1\nb = 2\n}}",
  "comment": "${1 # one\n}",
  "comment line object": "${{a = 1 // c\nb = 2}}",
  "block comment": "${1 /* x */ + 2}",
  "escape": "$${x}",
  "escape control": "%%{x}",
  "dollar end": "cost $",
  "percent": "100%",
  "strip": "a ${~ \"b\" ~} c",
  "quoted escape bad": "${\"a\\qb\"}",
  "quoted escape u": "${\"\\u00e9\"}",
  "quoted escape u short": "${\"\\u12\"}",
  "quoted newline": "${\"a\nb\"}",
  "unterminated string eof": "${\"abc",
  "unary": "${-1 + !true}",
  "eof in directive": "%{if",
  "eof in interp": "${",
  "only dollar brace": "${ ",
  "template in index": "${local.m[\"a\"].b}",
  "heredoc": "${<<EOT\nhello\nEOT\n}",
  "less": "${1 < 2 <= 3}",
  "missing expr after not": "${!}",
  "interp close brace object": "${{}}",
  "brace in interp": "${ { } }",
  "tilde close brace": "${ {a = 1 ~} }",
  "extra close": "${1}}",
  "quote in interp": "${a\"}",
  "for object missing key": "${{for x in local.m : x}}",
  "ellipsis alone": "${...}",
  "fat arrow": "${a => b}",
  "double colon alone": "${::}",
  "star": "${*}",
  "dot start": "${.a}",
  "multiple interps": "${1}${2}",
  "for directive ok": "%{ for k, v in local.m }${k}=${v} %{ endfor }",
  "if else ok": "%{ if true }a%{ else }b%{ endif }",
  "nested template": "${\"a${\"b${1}\"}\"}",
  "equals": "${a = 1}",
  "question alone": "${?}",
  "unclosed paren eof": "${(1",
  "splat then index": "${local.m[*][0]}",
  "attr then number attr": "${local.m.a.0.b}",
  "cr": "a\rb${var.v}",
  "crlf": "a\r\nb${var.v",
  "cr interp": "${var.v}\r${",
  "strip newline": "${\"x\" ~}  \n  b",
  "strip before": "a\n  ${~\"x\"}",
  "dollar run": "$]${escaped",
  "pct": "%]%{if",
  "esc tilde": "$${~x}",
  "quoted cr": "${\"a\rb\"}",
  "backslash newline": "${\"a\\\nb\"}",
  "quoted dollars end": "${\"a$$",
  "quoted pct end": "${\"a%",};

/** What HCL's parser reports; anything else Terraform says comes from evaluating a valid template. */
const SYNTAX_ERROR =
  /^(Unclosed template|Extra characters|Invalid template (directive|control)|Invalid 'for'|Invalid character|Unterminated|Unexpected|Invalid expression|Missing|Invalid attribute name|Invalid legacy|Nested splat|Unbalanced|Invalid number|Invalid escape|Unsupported operator|Invalid multi-line|Invalid string literal)/;

/** Terraform names the file and line of a directive a message points back to; one string's parse names its characters. */
const place = (detail: string) => detail.replace(/ at (main\.tf\.json:[\d,-]+|characters \d+-\d+ of this string)/, " at <directive>");

function parserVerdict(text: string): TerraformDiagnostic[] {
  // Terraform shows an empty range (the end of the string) as one character wide.
  return parseTemplate(text).diagnostics.map((d) => ({ summary: d.summary, detail: place(d.detail), start: d.subject.start, end: Math.max(d.subject.end, d.subject.start + 1) }));
}

function terraformSyntaxVerdict(diagnostics: readonly TerraformDiagnostic[]): TerraformDiagnostic[] {
  return diagnostics.filter((d) => SYNTAX_ERROR.test(d.summary)).map((d) => ({ ...d, detail: place(d.detail) }));
}

function disagreements(cases: Record<string, string>, verdicts: Record<string, TerraformDiagnostic[]>): string[] {
  return Object.entries(cases).flatMap(([name, text]) => {
    const ours = parserVerdict(text);
    const theirs = terraformSyntaxVerdict(verdicts[name] ?? []);
    return JSON.stringify(ours) === JSON.stringify(theirs) ? [] : [`${name} ${JSON.stringify(text)}\n  parser:    ${JSON.stringify(ours)}\n  terraform: ${JSON.stringify(theirs)}`];
  });
}

const terraform = terraformForTests("test/hcl: the live checks of the parser against Terraform");

/** Random single edits (and some pairs) of real-looking templates, from a fixed seed. */
function editedTemplates(count: number): Record<string, string> {
  const seeds = [
    '${join(",", aws_subnet.private[*].id)}',
    "arn:aws:s3:::${var.v}/*",
    '${var.v != null ? var.v : "x"}',
    '${[for k, v in local.m : "${k}=${v}" if k != "b"]}',
    "${{for k, v in local.m : k => v...}}",
    '%{ if var.v == "" }none%{ else }${var.v}%{ endif }',
    "%{ for x in local.m.a ~}\n${x},\n%{~ endfor }",
    "${try(local.m.a[0], null)}",
    "${core::max(1, 2, [3, 4]...)}",
    '${local.m["a"][0] + 1 * (2 - 3) / 4 % 5}',
    "${!(true && false) || 1 >= 2}",
    '${{a = 1, "b" = [1, 2], (var.v) = {c: null}}}',
    "${local.m.*.a}",
    "$${escaped} and %%{escaped}",
    '${"quoted \\"${var.v}\\" \\n"}',
  ];
  let state = 7;
  const random = (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const alphabet = "${}[]()\"'.,:=<>!?*+-/%&|~#;` \nabx01\\";
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  while (seen.size < count) {
    let text = seeds[random(seeds.length)]!;
    for (let edits = 1 + (random(3) === 0 ? 1 : 0); edits > 0; edits--) {
      const at = random(text.length + 1);
      const c = alphabet[random(alphabet.length)]!;
      text = [text.slice(0, at) + text.slice(at + 1), text.slice(0, at) + c + text.slice(at), text.slice(0, at) + c + text.slice(at + 1), text.slice(0, at)][random(4)]!;
    }
    if (!seen.has(text)) out[`edit ${seen.size}`] = text;
    seen.add(text);
  }
  return out;
}

describe("templates as Terraform 1.11.4 reads them", () => {
  const recorded = JSON.parse(readFileSync(RECORDS, "utf8")) as Record<string, TerraformDiagnostic[]>;

  it("the parser reports exactly Terraform's syntax errors, at the same places, for every recorded case", () => {
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(CASES).sort());
    expect(disagreements(CASES, recorded)).toEqual([]);
  });

  it.skipIf(!terraform)("the records are what Terraform says today", async () => {
    const live = await terraformVerdicts(CASES);
    if (process.env.RECORD) writeFileSync(RECORDS, JSON.stringify(live, null, 1) + "\n");
    expect(live).toEqual(recorded);
  });

  it.skipIf(!terraform)("random edits of real templates: the same syntax errors as Terraform", async () => {
    const cases = editedTemplates(300);
    expect(disagreements(cases, await terraformVerdicts(cases))).toEqual([]);
  });
});
