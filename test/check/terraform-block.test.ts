/**
 * The terraform block against the Terraform release that runs it: backends per version,
 * required_version, required_providers, backend with cloud, undeclared providers, and findings
 * on keys set with addOverride.
 */
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import { shippedTerraformSchemas } from "../../src/terraform/backends.js";
import { demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";

const check = (document: object, version = "1.11.4") =>
  checkDocument(JSON.stringify(document, null, 2), { file: "main.tf.json", schemas: memorySchemas(), terraform: { version, source: "--terraform-version" } }).diagnostics;
const rows = (document: object, version?: string) => check(document, version).map((d) => [d.severity, d.rule, d.pointer, d.message]);
const s3 = (extra: object) => ({ terraform: { backend: { s3: { bucket: "b", key: "k", region: "us-east-1", ...extra } } } });

describe("backend schemas generated from Terraform's source", () => {
  const schemas = shippedTerraformSchemas();
  const s3Of = (version: string) => schemas.backend(schemas.releaseFor(version)!, "s3")!.block;

  it("cover every minor release from 1.5 to the newest, with every backend Terraform ships", () => {
    expect(schemas.releases().map((r) => r.split(".").slice(0, 2).join("."))).toEqual(
      ["1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12", "1.13", "1.14", "1.15"],
    );
    expect(schemas.backendTypes("1.11.4")).toEqual(["azurerm", "consul", "cos", "gcs", "http", "inmem", "kubernetes", "local", "oss", "pg", "remote", "s3"]);
    expect(schemas.backendTypes(schemas.releaseFor("1.12.0")!)).toContain("oci");
  });

  it("stand in for releases they lack with the same minor release, else the nearest", () => {
    expect(schemas.releaseFor("1.10.0")).toBe("1.10.5");
    expect(schemas.releaseFor("1.4.6")).toBeUndefined();
    expect(schemas.nearestRelease("1.4.6")).toBe(schemas.releases()[0]);
    expect(schemas.nearestRelease("9.0.0")).toBe(schemas.newest());
  });

  it("know use_lockfile from 1.10, the top-level role_arn until 1.9, assume_role as an object attribute", () => {
    expect(s3Of("1.9.8").attributes?.use_lockfile).toBeUndefined();
    expect(s3Of("1.10.0").attributes?.use_lockfile).toEqual({ type: "bool", optional: true });
    expect(s3Of("1.9.8").attributes?.role_arn).toMatchObject({ type: "string", deprecated: true });
    expect(s3Of("1.11.4").attributes?.role_arn).toBeUndefined();
    expect(s3Of("1.11.4").attributes?.assume_role?.nested_type?.attributes.role_arn).toEqual({ type: "string", required: true });
    expect(s3Of("1.11.4").block_types).toBeUndefined();
    expect(schemas.backend("1.11.4", "s3")!.deprecations?.endpoint).toBe('Use "endpoints.s3" instead.');
  });
});

describe("backend checks", () => {
  it("reject use_lockfile before 1.10, naming the version", () => {
    expect(rows(s3({ use_lockfile: true }), "1.9.0")).toEqual([
      ["error", "unknown-argument", "/terraform/backend/s3/use_lockfile", '"use_lockfile" needs Terraform ≥ 1.10; you are checking against Terraform 1.9.0 (--terraform-version)'],
    ]);
    expect(rows(s3({ use_lockfile: true }), "1.11.4")).toEqual([]);
  });

  it("reject the top-level role_arn from 1.10 on, naming the version", () => {
    expect(rows(s3({ role_arn: "arn:aws:iam::1:role/x" }), "1.11.4")).toEqual([
      [
        "error",
        "unknown-argument",
        "/terraform/backend/s3/role_arn",
        '"role_arn" was removed from the s3 backend in Terraform 1.10 (last in 1.9); you are checking against Terraform 1.11.4 (--terraform-version)',
      ],
    ]);
    expect(rows(s3({ role_arn: "arn:aws:iam::1:role/x" }), "1.9.8").map((r) => r[1])).toEqual(["deprecated"]);
  });

  it("suggest close names, reject wrong types, and name the replacement of deprecated keys", () => {
    const found = check(s3({ use_lock_file: true, encrypt: "yes", endpoint: "http://localhost:4566", assume_role: "arn" }));
    expect(found.map((d) => [d.severity, d.rule, d.pointer, d.suggestions])).toEqual([
      ["error", "unknown-argument", "/terraform/backend/s3/use_lock_file", ["use_lockfile"]],
      ["error", "type-mismatch", "/terraform/backend/s3/encrypt", []],
      ["warning", "deprecated", "/terraform/backend/s3/endpoint", ["endpoints.s3"]],
      ["error", "type-mismatch", "/terraform/backend/s3/assume_role", []],
    ]);
    expect(found[2]!.detail).toContain('Use "endpoints.s3" instead.');
    expect(rows(s3({ encrypt: "true" })).map((r) => r[0])).toEqual(["warning"]);
  });

  it("warn about missing backend arguments (terraform init -backend-config may supply them), reject incomplete nested ones", () => {
    const found = check({ terraform: { backend: { s3: { bucket: "b", assume_role: {} } } } });
    expect(found.map((d) => [d.severity, d.rule, d.pointer, d.message])).toEqual([
      ["warning", "missing-argument", "/terraform/backend/s3", 'Missing required argument "key" in backend "s3"'],
      ["error", "missing-argument", "/terraform/backend/s3/assume_role", 'Missing required argument "role_arn" in assume_role'],
    ]);
    expect(found[0]!.detail).toContain("-backend-config");
  });

  it("reject unknown and removed backend types, two backends, and backend with cloud", () => {
    expect(rows({ terraform: { backend: { s4: {} } } })[0]).toEqual(["error", "unknown-type", "/terraform/backend/s4", 'Unsupported backend type "s4": Terraform 1.11.4 (--terraform-version) has no backend of that name']);
    // Every name within two edits, as Terraform's did-you-mean allows, nearest first.
    expect(check({ terraform: { backend: { s4: {} } } })[0]!.suggestions).toEqual(["s3", "oss", "pg"]);
    expect(rows({ terraform: { backend: { azure: {} } } })[0]![3]).toBe('The "azure" backend name has been removed, please use "azurerm".');
    expect(rows({ terraform: [{ backend: { local: {} } }, { backend: { local: {} } }] })).toEqual([
      ["error", "block-shape", "/terraform/1/backend/local", "Duplicate backend configuration: a configuration may have only one backend"],
    ]);
    expect(rows({ terraform: { backend: { local: {} }, cloud: { organization: "o", workspaces: { name: "w" } } } })).toEqual([
      ["error", "block-shape", "/terraform/cloud", "Both a backend and a cloud configuration are present: use one or the other"],
    ]);
  });

  it("read backend bodies written as arrays at either level, as Terraform does", () => {
    const body = { bucket: "b", key: "k", region: "us-east-1", use_lock_file: true };
    for (const [backend, pointer] of [
      [{ s3: [body] }, "/terraform/backend/s3/0/use_lock_file"],
      [[{ s3: body }], "/terraform/backend/0/s3/use_lock_file"],
      [[{ s3: [body] }], "/terraform/backend/0/s3/0/use_lock_file"],
    ] as const) {
      expect(check({ terraform: { backend } }).map((d) => [d.rule, d.pointer, d.suggestions])).toEqual([["unknown-argument", pointer, ["use_lockfile"]]]);
    }
    expect(rows({ terraform: { backend: { local: [{ path: "a" }, { path: "b" }] } } })).toEqual([
      ["error", "block-shape", "/terraform/backend/local/1", "Duplicate backend configuration: a configuration may have only one backend"],
    ]);
  });

  it("reject an empty backend block and a second cloud block", () => {
    expect(rows({ terraform: { backend: {} } }).map((r) => [r[1], r[2], r[3]])).toEqual([
      ["block-shape", "/terraform/backend", "Empty backend block: its one key names the backend type"],
    ]);
    const cloud = { organization: "o", workspaces: { name: "w" } };
    expect(rows({ terraform: { cloud: [cloud, cloud] } })).toEqual([
      ["error", "block-shape", "/terraform/cloud/1", "Duplicate cloud configuration: a configuration may have only one cloud block"],
    ]);
  });

  it("check the cloud block and the terraform block's own arguments", () => {
    expect(rows({ terraform: { cloud: { organisation: "o" }, required_versions: ">= 1" } }).map((r) => [r[1], r[2]])).toEqual([
      ["unknown-argument", "/terraform/cloud/organisation"],
      ["unknown-argument", "/terraform/required_versions"],
    ]);
  });
});

describe("required_version and required_providers", () => {
  it("warn when required_version excludes the version checked against, and reject malformed constraints", () => {
    expect(rows({ terraform: { required_version: ">= 1.12" } }, "1.11.4")).toEqual([
      ["warning", "required-version", "/terraform/required_version", 'required_version ">= 1.12" excludes Terraform 1.11.4 (--terraform-version)'],
    ]);
    expect(rows({ terraform: { required_version: "~> 1.11" } }, "1.11.4")).toEqual([]);
    expect(rows({ terraform: { required_version: "> = 1" } }).map((r) => r[1])).toEqual(["invalid-value"]);
    // As Terraform: a pre-release build is checked by its version core; pre-release constraints are rejected.
    expect(rows({ terraform: { required_version: ">= 1.5" } }, "1.12.0-beta1")).toEqual([]);
    expect(rows({ terraform: { required_version: ">= 1.12.0-beta1" } }).map((r) => [r[1], r[2]])).toEqual([["invalid-value", "/terraform/required_version"]]);
  });

  it("reject malformed sources and constraints, and unknown keys", () => {
    const found = rows({ terraform: { required_providers: { demo: { source: "hashicorp/demo/extra/parts", version: "~>> 1", sources: "x" } } } });
    expect(found.map((r) => [r[1], r[2]])).toEqual([
      ["invalid-value", "/terraform/required_providers/demo/source"],
      ["invalid-value", "/terraform/required_providers/demo/version"],
      ["unknown-argument", "/terraform/required_providers/demo/sources"],
    ]);
  });

  it("warn about providers used but not declared", () => {
    const resource = { demo_subnet_group: { a: { name: "a", subnet_ids: ["s"] } } };
    const document = { terraform: { required_providers: { aws: { source: "hashicorp/aws" } } }, resource };
    expect(rows(document).filter((r) => r[1] !== "schema-unavailable")).toEqual([
      ["warning", "undeclared-provider", "/terraform", 'Provider "demo" is used but not declared in terraform.required_providers'],
    ]);
    // A file that declares no providers at all is part of a module that declares them elsewhere.
    expect(rows({ resource }).filter((r) => r[1] === "undeclared-provider")).toEqual([]);
  });
});

describe("findings on keys set with addOverride", () => {
  it("say so, using cdktf's // metadata", () => {
    const document = {
      "//": { metadata: { overrides: { stack: ["terraform"], demo_subnet_group: ["subnet_group_name"] } } },
      ...s3({ use_lockfile: true }),
      resource: { demo_subnet_group: { sg: { name: "a", subnet_ids: ["s"], subnet_group_name: "x" } } },
    };
    const found = checkDocument(JSON.stringify(document, null, 2), {
      file: "main.tf.json",
      schemas: memorySchemas(demoSnapshot()),
      terraform: { version: "1.9.8", source: "test" },
    }).diagnostics.filter((d) => d.rule === "unknown-argument");
    expect(found.map((d) => [d.pointer, d.detail?.endsWith("This value was set with addOverride, which typed bindings do not check.")])).toEqual([
      ["/terraform/backend/s3/use_lockfile", true],
      ["/resource/demo_subnet_group/sg/subnet_group_name", true],
    ]);
  });

  it("match dotted override paths exactly, not their siblings", () => {
    const document = {
      "//": { metadata: { overrides: { stack: ["terraform.backend.s3.use_lock_file"] } } },
      ...s3({ use_lock_file: true, encrypt: "yes" }),
    };
    const found = checkDocument(JSON.stringify(document), { file: "main.tf.json", schemas: memorySchemas(), terraform: { version: "1.11.4", source: "test" } }).diagnostics;
    expect(found.map((d) => [d.pointer, d.detail?.includes("addOverride") ?? false])).toEqual([
      ["/terraform/backend/s3/use_lock_file", true],
      ["/terraform/backend/s3/encrypt", false],
    ]);
  });
});
