import { describe, expect, it } from "vitest";
import { type Expression, functionCalls, mayBeNull, parseExpressionText, parseTemplate, parseTraversal, references } from "../../src/hcl/index.js";
import { scanAndParseTemplate } from "../../src/hcl/parser.js";

/** A reference as text: `aws_subnet.a[*].id`, dynamic indexes as `[…]`. */
const show = (text: string) =>
  references(parseTemplate(text).expression).map(
    (r) =>
      r.root.name +
      r.steps
        .map((s) => (s.kind === "attr" ? `.${s.name}` : s.kind === "splat" ? (s.full ? "[*]" : ".*") : "dynamic" in s ? "[…]" : `[${JSON.stringify(s.key)}]`))
        .join(""),
  );

const slice = (text: string, range: { start: number; end: number }) => text.slice(range.start, range.end);

describe("parsing Terraform JSON strings", () => {
  it("reads cdktf's references: a template of one interpolation is that expression (unwrapped)", () => {
    const text = "${aws_s3_bucket.logs.arn}";
    const { expression, diagnostics } = parseTemplate(text);
    expect(diagnostics).toEqual([]);
    expect(expression.kind).toBe("templateWrap");
    const wrapped = (expression as Extract<Expression, { kind: "templateWrap" }>).wrapped;
    expect(wrapped).toMatchObject({ kind: "traversal", root: { name: "aws_s3_bucket" }, steps: [{ kind: "attr", name: "logs" }, { kind: "attr", name: "arn" }] });
    expect(slice(text, wrapped.range)).toBe("aws_s3_bucket.logs.arn");
  });

  it("reads text around interpolations as a template of parts", () => {
    const text = "arn:${data.aws_partition.current.partition}:s3:::${var.bucket}/*";
    const { expression } = parseTemplate(text);
    expect(expression.kind).toBe("template");
    const parts = (expression as Extract<Expression, { kind: "template" }>).parts;
    expect(parts.map((p) => (p.kind === "literal" ? p.value : slice(text, p.range)))).toEqual(["arn:", "data.aws_partition.current.partition", ":s3:::", "var.bucket", "/*"]);
  });

  it("keeps escapes literal: `$${` and `%%{` are text, not sequences", () => {
    expect(parseTemplate("echo $${HOME} 100%%{x}").expression).toMatchObject({ kind: "template", parts: [{ kind: "literal", value: "echo ${HOME} 100%{x}" }] });
    expect(references(parseTemplate("$${var.x}").expression)).toEqual([]);
  });

  it("follows cdktf's Fn.* renderings: calls, splats, operators, conditionals", () => {
    const text = '${join(",", aws_subnet.a[*].id)}';
    const { expression, diagnostics } = parseTemplate(text);
    expect(diagnostics).toEqual([]);
    expect(functionCalls(expression).map((c) => [c.name, slice(text, c.nameRange)])).toEqual([["join", "join"]]);
    expect(show(text)).toEqual(["aws_subnet.a[*].id"]);

    expect(show("${var.enabled ? length(var.names) : 0}")).toEqual(["var.enabled", "var.names"]);
    expect(show("${element(aws_instance.web.*.id, count.index)}")).toEqual(["aws_instance.web.*.id", "count.index"]);
    expect(show('${lookup(var.tags, "Name", null)}')).toEqual(["var.tags"]);
  });

  it("names provider and core functions with their namespaces", () => {
    const text = '${provider::aws::arn_parse(aws_iam_role.r.arn).account_id == core::upper("x")}';
    const calls = functionCalls(parseTemplate(text).expression);
    expect(calls.map((c) => [c.name, slice(text, c.nameRange)])).toEqual([
      ["provider::aws::arn_parse", "provider::aws::arn_parse"],
      ["core::upper", "core::upper"],
    ]);
  });

  it("follows references through indexes, legacy indexes and splats, each step with its place", () => {
    expect(show("${var.subnets[count.index].id}")).toEqual(["var.subnets[…].id", "count.index"]);
    expect(show('${aws_instance.web.0.private_ip} ${local.m["k"]}')).toEqual(["aws_instance.web[0].private_ip", 'local.m["k"]']);
    expect(show("${aws_eip.nat[*].public_ip[0]}")).toEqual(["aws_eip.nat[*].public_ip[0]"]);
    const text = "${aws_subnet.a[0].id}";
    const [reference] = references(parseTemplate(text).expression);
    expect(reference!.steps.map((s) => slice(text, s.range))).toEqual([".a", "[0]", ".id"]);
    expect(slice(text, reference!.range)).toBe("aws_subnet.a[0].id");
  });

  it("leaves out names a for expression binds, but not its collection", () => {
    expect(show("${[for s in aws_subnet.a : s.id if s.map_public_ip_on_launch]}")).toEqual(["aws_subnet.a"]);
    expect(show("${{for k, v in var.tags : lower(k) => v...}}")).toEqual(["var.tags"]);
    expect(show("%{ for name in var.names }${name}-${var.suffix}%{ endfor }")).toEqual(["var.names", "var.suffix"]);
  });

  it("reads a bare name as an object key's text, and a parenthesised one as an expression", () => {
    expect(show("${{ Name = var.name, (var.key) = 1 }}")).toEqual(["var.name", "var.key"]);
  });

  it("reads directives as conditionals and for expressions", () => {
    expect(parseTemplate('%{ if var.x != "" }x=${var.x}%{ else }none%{ endif }').expression).toMatchObject({
      kind: "template",
      parts: [{ kind: "conditional", trueResult: { kind: "template" }, falseResult: { kind: "template", parts: [{ value: "none" }] } }],
    });
    expect(parseTemplate("%{ for v in var.list }${v}%{ endfor }").expression).toMatchObject({ kind: "template", parts: [{ kind: "templateJoin", tuple: { kind: "for", valueVar: "v" } }] });
  });

  it("applies strip markers to the adjacent text", () => {
    expect(parseTemplate('a ${~ "b" ~} c').expression).toMatchObject({ parts: [{ value: "a" }, { kind: "template" }, { value: "c" }] });
  });

  it("gives HCL's error, worded as Terraform prints it, at its place in the string", () => {
    const text = "${{for k, v in var.m : k v}}";
    const { diagnostics } = parseTemplate(text);
    expect(diagnostics.map((d) => [d.summary, d.detail, slice(text, d.subject)])).toEqual([
      ["Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", "v"],
      ["Invalid 'for' expression", "Key expression is required when building an object.", "k"],
    ]);
    expect(parseTemplate("${var.v").diagnostics.map((d) => d.summary)).toEqual(["Unclosed template interpolation sequence"]);
  });

  it("does not read heredocs, and says so", () => {
    expect(parseTemplate("${<<EOT\nhello\nEOT\n}")).toMatchObject({ diagnostics: [], unsupported: "a heredoc template (<<EOT)" });
  });

  it("reads replace_triggered_by entries as bare expressions, depends_on entries as bare traversals", () => {
    expect(parseExpressionText("aws_instance.web.id").expression).toMatchObject({ kind: "traversal", root: { name: "aws_instance" } });
    expect(parseExpressionText("${aws_instance.web.id}").diagnostics.map((d) => d.summary)).toEqual(["Invalid character", "Invalid expression"]);
    expect(parseTraversal('module.db.aws_db_instance.this["main"]')).toMatchObject({
      traversal: { root: { name: "module" }, steps: [{ name: "db" }, { name: "aws_db_instance" }, { name: "this" }, { key: "main" }] },
      diagnostics: [],
    });
    expect(parseTraversal("${aws_s3_bucket.b}").diagnostics.map((d) => d.summary)).toEqual(["Invalid character", "Variable name required"]);
  });
});

describe("whether an expression may be null", () => {
  it.each([
    ["${null}", true],
    ["${var.maybe}", true],
    ["${each.value.cidr}", true],
    ["${try(var.config.cidr, null)}", true],
    ['${var.ipv6 ? var.cidr : null}', true],
    ["${lookup(var.m, \"k\", null)}", true],
    ["${one(aws_eip.e[*].id)}", true],
    ["${tostring(var.x)}", true],
    ["${local.settings[\"cidr\"]}", true],
    ["prefix-${var.x}", false],
    ['${"10.0.0.0/16"}', false],
    ["${count.index}", false],
    ["${each.key}", false],
    ["${upper(var.x)}", false],
    ["${[var.x]}", false],
    ["${aws_subnet.a[*].id}", false],
    ["${var.a + 1}", false],
    ['${var.ipv6 ? "fd00::/64" : "10.0.0.0/16"}', false],
  ])("%s → %s", (text, expected) => {
    expect(mayBeNull(parseTemplate(text).expression)).toBe(expected);
  });
});

describe("the shortcut for references in text", () => {
  it.each([
    "${aws_vpc.main.id}",
    "${var.subnets[0]}",
    "${module.db.endpoint}",
    "${aws_s3_bucket.my-bucket.arn}",
    "${data.aws_iam_policy_document.p.json}",
    "${local.a[10].b_c}",
    "${var.env}-web-1",
    "arn:aws:s3:::${var.bucket}/*",
    "${var.a}${var.b}",
    "a\nb ${var.a} c\n",
    "${var.a} 100%",
    "${var.a} $${b}",
    "${true}",
    "${var.a}\r${var.b}",
  ])(
    "%s gives the tree a full parse gives",
    (text) => {
      expect(parseTemplate(text)).toEqual(scanAndParseTemplate(text));
    },
  );
});
