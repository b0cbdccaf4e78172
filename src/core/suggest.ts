/**
 * "Did you mean …?" for unknown names. Three sources of suggestions, in this order:
 *  1. the snake_case form of a camelCase key (`capacityProvider` → `capacity_provider`), which is
 *     what a raw Python dict or an `addOverride` with binding-style names produces;
 *  2. a name that carries the owner's own name as a prefix (`subnet_group_name` on
 *     `aws_elasticache_subnet_group` → `name`): the argument other resources use to refer to it;
 *  3. close spellings by edit distance.
 */
import { distance } from "fastest-levenshtein";

export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/-/g, "_")
    .toLowerCase();
}

export interface SuggestOptions {
  /** The owning type, e.g. `aws_elasticache_subnet_group`, for owner-prefixed names. */
  ownerType?: string;
  /** At most this many suggestions. */
  limit?: number;
}

export function suggestNames(unknown: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const names = [...new Set(candidates)];
  const known = new Set(names);
  const out: string[] = [];
  const add = (name: string) => {
    if (known.has(name) && !out.includes(name)) out.push(name);
  };

  add(toSnakeCase(unknown));

  if (options.ownerType) {
    // aws_elasticache_subnet_group → try stripping "subnet_group_", "elasticache_subnet_group_", …
    const ownerWords = options.ownerType.split("_");
    for (let i = ownerWords.length - 1; i >= 1; i--) {
      const prefix = ownerWords.slice(i).join("_") + "_";
      if (unknown.startsWith(prefix)) add(unknown.slice(prefix.length));
    }
  }

  const target = toSnakeCase(unknown);
  // Allow roughly one edit per four characters, at least one and at most three.
  const budget = Math.min(3, Math.max(1, Math.floor(target.length / 4)));
  names
    .map((name) => ({ name, d: distance(target, name) }))
    .filter(({ d }) => d <= budget)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .forEach(({ name }) => add(name));

  return out.slice(0, options.limit ?? 3);
}
