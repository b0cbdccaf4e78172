/**
 * Disagreements the conformance run found in the checker and that are not fixed yet: each is a
 * checker bug or a different choice of location, reported to the checker's owner, with a
 * regression case in regressions.test.ts. The fast subset test fails on any disagreement not
 * listed here, so the list can only shrink.
 */
export interface KnownDisagreement {
  /** Matches the generated case's label. */
  label: RegExp;
  what: string;
}

export const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [
  {
    label: /dynamic block for argument .*\.(\d+|key\d+)\.|dynamic block for argument (resource\.demo_replication_group\.this\.timeouts|provider\.)/,
    what:
      "`dynamic` in a body without nested block types: Terraform reports `Unsupported block type \"<name>\"` at /dynamic/<name>; " +
      "the checker reports `Unsupported argument \"dynamic\"` at /dynamic.",
  },
  {
    label: /max_items/,
    what: "Too many blocks: Terraform points at the first block over the limit (/<block>/<max>), the checker at the whole list.",
  },
  {
    label: /(setting = (list|empty-list|empty-object|null))/,
    what: "A map-nested block given a list, [], {} or null: Terraform reports `Missing block label`; the checker nothing.",
  },
  {
    label: /rule (= (bool|string|numeric-string|bool-string|number)|as dynamic block without content)/,
    what:
      "A block with min_items given a non-object (or a dynamic block without content): Terraform also reports " +
      "`Insufficient <name> blocks` at the resource; the checker reports only the value.",
  },
  {
    label: /(timeouts|lifecycle) = list/,
    what:
      "A single-instance block given a list of non-objects: Terraform reports the first element and `Duplicate <name> block`; " +
      "the checker reports every element.",
  },
];
