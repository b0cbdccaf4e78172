/**
 * Did-you-mean: at least what Terraform suggests (a name within a Levenshtein distance below 3,
 * internal/didyoumean), a swap of two letters as one edit, ranked; and linear in the length of
 * the unknown name, whatever it is.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withinDistance } from "../../src/core/edit-distance.js";
import { suggestNames, toSnakeCase } from "../../src/core/suggest.js";
import { SHIPPED_SCHEMAS_DIR, SchemaStore } from "../../src/schema/store/index.js";

/** Reference distances, by the textbook full-matrix recurrences. */
function reference(a: string, b: string, swaps: boolean): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "_"), maxLength: 9 });

describe("withinDistance (optimal string alignment with a cut-off)", () => {
  it("is the OSA distance when at most the cut-off, and cut-off + 1 otherwise", () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        expect(withinDistance(a, b, max)).toBe(Math.min(reference(a, b, true), max + 1));
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it("counts a swap of neighbours as one edit", () => {
    expect(withinDistance("regoin", "region", 3)).toBe(1);
    expect(withinDistance("subnet_isd", "subnet_ids", 3)).toBe(1);
    expect(withinDistance("kitten", "sitting", 3)).toBe(3);
  });

  it("does work only along the diagonal band: two megabyte strings a few edits apart", () => {
    const a = "x".repeat(1_000_000) + "ab";
    expect(withinDistance(a, "x".repeat(1_000_000) + "ba", 2)).toBe(1);
    expect(withinDistance(a, "y" + a.slice(1, -1) + "c", 2)).toBe(2);
    // A full matrix would be 10^12 cells: minutes. The band is 5 × 10^6.
  }, 30_000);
});

describe("suggestNames", () => {
  it("suggests a transposed name: `regoin` → `region`", () => {
    expect(suggestNames("regoin", ["region", "max_retries", "profile"])).toEqual(["region"]);
  });

  it("suggests every name Terraform would (Levenshtein distance below 3), given room for them", () => {
    fc.assert(
      fc.property(word, fc.uniqueArray(word, { maxLength: 6 }), (unknown, candidates) => {
        const terraform = candidates.filter((c) => c !== unknown && reference(unknown, c, false) < 3);
        const ours = suggestNames(unknown, candidates, { limit: candidates.length });
        for (const name of terraform) expect(ours).toContain(name);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it("ranks the snake_case form, then the owner's own name, then the nearest spellings", () => {
    const names = ["capacity_provider", "capacity_providers", "name", "description", "self"];
    expect(suggestNames("capacityProviders", names)).toEqual(["capacity_providers", "capacity_provider"]);
    expect(suggestNames("subnet_group_name", ["name", "subnet_ids"], { ownerType: "aws_elasticache_subnet_group" })).toEqual(["name"]);
    expect(suggestNames("descriptoin", names)).toEqual(["description"]);
    // cdktf's bindings rename `self` (a reserved word) to `selfAttribute`.
    expect(suggestNames("selfAttribute", names)).toEqual(["self"]);
  });

  it("turns camelCase into snake_case, acronyms too", () => {
    expect(toSnakeCase("cidrBlocks")).toBe("cidr_blocks");
    expect(toSnakeCase("ipv6CidrBlocks")).toBe("ipv6_cidr_blocks");
    expect(toSnakeCase("HTTPServerURL")).toBe("http_server_url");
    expect(toSnakeCase("ABcDEf")).toBe("a_bc_d_ef");
  });
});

describe("pathological names take linear time (timings: npm run bench)", () => {
  // Each would take minutes if any step were quadratic in the name's length (the old camelCase
  // regex backtracked through runs of capitals: 8.8 s at 100k characters, ~15 min at a million).
  it("a million-character all-uppercase key", () => {
    const key = "A".repeat(1_000_000);
    expect(toSnakeCase(key)).toBe("a".repeat(1_000_000));
    expect(suggestNames(key, ["name", "tags"])).toEqual([]);
  }, 30_000);

  it("an 8 MB unknown type name against all of aws 6.25.0's resource types", () => {
    // The old did-you-mean computed a full edit distance to each of 1,581 types: 12 s per megabyte.
    const types = new SchemaStore(SHIPPED_SCHEMAS_DIR).open("hashicorp/aws", "6.25.0").resourceTypes();
    expect(types.length).toBeGreaterThan(1500);
    expect(suggestNames("aws_s3_bucket" + "x".repeat(8_000_000), types)).toEqual([]);
    expect(suggestNames("aws_s3_bukcet", types)).toEqual(["aws_s3_bucket"]);
  }, 30_000);
});
