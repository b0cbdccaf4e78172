/**
 * Extraction from jsii assemblies, and the bindings a project itself has: a provider the shipped
 * schemas do not know (example/shop 1.2.3) is checked through its node_modules package, its
 * `cdktf get` output (TypeScript or Python) or a virtualenv's embedded tarball, extracted once
 * into the cache (XDG_CACHE_HOME, a temporary directory in tests: see vitest.config.ts).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as cdktf from "cdktf";
import { SchemaCheck } from "../../src/cdktf/index.js";
import { checkFiles } from "../../src/check/files.js";
import { extractFromBindings } from "../../src/schema/extract/index.js";
import type { ProviderSchema } from "../../src/schema/format.js";
import { cacheDir } from "../../src/schema/bindings/project.js";
import { defaultSchemas } from "../../src/schema/store/index.js";
import { buildShopBindings, SHOP_FIXTURE, type ShopBindings } from "../fixtures/binding-package.js";
import { runCli } from "../cli/run.js";

let shop: ShopBindings;
let fixture: ProviderSchema;
beforeAll(async () => {
  shop = await buildShopBindings();
  fixture = JSON.parse(readFileSync(SHOP_FIXTURE, "utf8")).provider_schemas["registry.terraform.io/example/shop"];
}, 120_000);
afterAll(() => rmSync(shop.root, { recursive: true, force: true }));

describe("extracting from a jsii assembly", () => {
  it("gives back the schema the package was generated from (cdktf's generator, then jsii)", async () => {
    const extracted = await extractFromBindings(shop.packageDir);
    expect(extracted).toMatchObject({ address: "registry.terraform.io/example/shop", version: "1.2.3", provenance: { method: "bindings", from: "@cdktf/provider-shop@4.0.0" } });
    expect(extracted.schema).toEqual(fixture);
  });

  it("reads the package tarball as a stream, to the same schema", async () => {
    const extracted = await extractFromBindings(shop.tarball);
    expect(extracted.provenance.from).toBe("@cdktf/provider-shop@4.0.0");
    expect(extracted.schema).toEqual(fixture);
  });

  it("names the file when a tarball is not one", async () => {
    const bogus = path.join(shop.root, "bogus.tgz");
    writeFileSync(bogus, "not gzip");
    await expect(extractFromBindings(bogus)).rejects.toThrow(`${bogus}: not a readable package tarball`);
  });
});

/** A stack pinned to shop 1.2.3 with one mistake the schema knows. */
const STACK = {
  terraform: { required_providers: { shop: { source: "example/shop", version: "1.2.3" } } },
  resource: { shop_order: { o: { items: ["book"], quantiti: [2], delivery: [{ address: "home" }], line: [{ sku: "b-1" }] } } },
};

describe("the project's own bindings", () => {
  /** Directories this suite made: projects and caches. */
  const made: string[] = [];
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => made.forEach((p) => rmSync(p, { recursive: true, force: true })));

  /** A cache directory of its own for one test. */
  const ownCache = () => {
    const cache = mkdtempSync(path.join(tmpdir(), "bindings-cache-"));
    made.push(cache);
    vi.stubEnv("XDG_CACHE_HOME", cache);
  };

  async function checkProject(layout: (project: string) => void) {
    const project = mkdtempSync(path.join(tmpdir(), "bindings-project-"));
    made.push(project);
    layout(project);
    const file = path.join(project, "cdk.tf.json");
    writeFileSync(file, JSON.stringify(STACK, null, 2));
    return { project, result: await checkFiles([file], { schemas: defaultSchemas(project) }) };
  }

  const rulesOf = (result: Awaited<ReturnType<typeof checkFiles>>) => result.diagnostics.map((d) => `${d.rule} ${d.pointer}`);

  it.each([
    ["node_modules/@cdktf/provider-shop", (p: string) => cpSync(shop.packageDir, path.join(p, "node_modules", "@cdktf", "provider-shop"), { recursive: true })],
    ["a `cdktf get` TypeScript tree (.gen/providers/shop)", (p: string) => cpSync(shop.generated, path.join(p, ".gen", "providers", "shop"), { recursive: true })],
    [
      "a virtualenv's embedded tarball (.venv/…/site-packages/cdktf_cdktf_provider_shop/_jsii)",
      (p: string) => {
        const jsii = path.join(p, ".venv", "lib", "python3.12", "site-packages", "cdktf_cdktf_provider_shop", "_jsii");
        mkdirSync(jsii, { recursive: true });
        cpSync(shop.tarball, path.join(jsii, "provider-shop@4.0.0.jsii.tgz"));
      },
    ],
    [
      "Python `cdktf get` output (imports/shop/_jsii)",
      (p: string) => {
        mkdirSync(path.join(p, "imports", "shop", "_jsii"), { recursive: true });
        cpSync(shop.tarball, path.join(p, "imports", "shop", "_jsii", "shop@0.0.0.jsii.tgz"));
      },
    ],
  ])("checks against %s, extracted once into the cache", async (_, layout) => {
    // A cache of its own: with the schema cached already, the bindings would not be looked at.
    ownCache();
    const { project, result } = await checkProject(layout);
    expect(rulesOf(result)).toEqual(["unknown-argument /resource/shop_order/o/quantiti"]);
    const [use] = result.checkedAgainst!.providers;
    expect(use).toMatchObject({ address: "registry.terraform.io/example/shop", version: "1.2.3" });
    expect(use!.reason).toMatch(/; from the project's bindings .+ \(extracted once into .+\)$/);
    expect(use!.reason).toContain(cacheDir());

    // The second run reads the cache: the bindings may even be gone.
    for (const name of ["node_modules", ".gen", ".venv", "imports"]) rmSync(path.join(project, name), { recursive: true, force: true });
    const again = await checkFiles([path.join(project, "cdk.tf.json")], { schemas: defaultSchemas(project) });
    expect(rulesOf(again)).toEqual(["unknown-argument /resource/shop_order/o/quantiti"]);
    expect(again.checkedAgainst!.providers[0]!.reason).toContain(`; from cache ${cacheDir()}`);
  });

  it("the same in synth: SchemaCheck.of(app) finds the bindings of the project it runs in", async () => {
    ownCache();
    const project = mkdtempSync(path.join(tmpdir(), "bindings-app-"));
    made.push(project);
    cpSync(shop.packageDir, path.join(project, "node_modules", "@cdktf", "provider-shop"), { recursive: true });
    const app = new cdktf.App({ outdir: path.join(project, "cdktf.out") });
    const stack = new cdktf.TerraformStack(app, "shop");
    stack.addOverride("terraform.required_providers", STACK.terraform.required_providers);
    const order = new cdktf.TerraformResource(stack, "o", { terraformResourceType: "shop_order" });
    for (const [key, value] of Object.entries(STACK.resource.shop_order.o)) order.addOverride(key, value);
    const cwd = process.cwd();
    process.chdir(project);
    try {
      SchemaCheck.of(app);
      expect(() => app.synth()).toThrow(/\[shop\/o\] error unknown-argument: Unsupported argument "quantiti": shop_order has no argument or block of that name\n[^]*\n {4}fix: did you mean `quantities`\?\n/);
    } finally {
      process.chdir(cwd);
    }
  });

  it("keeps what it extracted keyed by package and version, with its provenance", async () => {
    await checkProject((p) => cpSync(shop.packageDir, path.join(p, "node_modules", "@cdktf", "provider-shop"), { recursive: true }));
    expect(existsSync(cacheDir())).toBe(true);
    const entries = readdirSync(cacheDir());
    expect(entries).toContain("cdktf-provider-shop@4.0.0");
    expect(JSON.parse(readFileSync(path.join(cacheDir(), "cdktf-provider-shop@4.0.0", "meta.json"), "utf8"))).toMatchObject({
      address: "registry.terraform.io/example/shop",
      version: "1.2.3",
      origin: "@cdktf/provider-shop@4.0.0",
    });
  });

  it("lists the cache as a source, and reports bindings that cannot be extracted by name (exit 2)", async () => {
    const listed = await runCli(["schema", "list"]);
    expect(listed.stdout).toMatch(new RegExp(`^registry\\.terraform\\.io/example/shop +1\\.2\\.3 +cache ${cacheDir().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));

    const project = mkdtempSync(path.join(tmpdir(), "bindings-broken-"));
    made.push(project);
    const broken = path.join(project, ".venv", "lib", "python3.12", "site-packages", "cdktf_cdktf_provider_shopx", "_jsii");
    mkdirSync(broken, { recursive: true });
    writeFileSync(path.join(broken, "provider-shopx@1.0.0.jsii.tgz"), "truncated");
    const file = path.join(project, "cdk.tf.json");
    writeFileSync(file, JSON.stringify({ terraform: { required_providers: { shopx: { source: "example/shopx", version: "1.0.0" } } }, resource: { shopx_order: { o: {} } } }));
    const result = await runCli([file], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cdktf-schema-check: .*provider-shopx@1\.0\.0\.jsii\.tgz: extracting the schema from these bindings failed: .*not a readable package tarball/);
  });
});
