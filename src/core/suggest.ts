/**
 * "Did you mean …?" for unknown names. Sources of suggestions, best first:
 *  1. the snake_case form of a camelCase key (`capacityProvider` → `capacity_provider`), which is
 *     what a raw Python dict or an `addOverride` with binding-style names produces, also without
 *     the `Attribute` suffix cdktf's bindings add to names that clash with reserved words
 *     (`selfAttribute` → `self`);
 *  2. a name that carries the owner's own name as a prefix (`subnet_group_name` on
 *     `aws_elasticache_subnet_group` → `name`): the argument other resources use to refer to it;
 *  3. close spellings, nearest first.
 *
 * Close means what Terraform suggests, and more: Terraform (internal/didyoumean and HCL's JSON
 * decoder) offers a name within a Levenshtein distance below 3; here a swap of two neighbouring
 * letters counts as one edit (`regoin` → `region`), and long names may be three edits away.
 *
 * Every step is linear in the length of the unknown name: user input can be megabytes long.
 */
import { withinDistance } from "./edit-distance.js";

export function toSnakeCase(name: string): string {
  return (
    name
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      // An acronym before a word (`HTTPServer` → `HTTP_Server`). A lookahead, not `([A-Z]+)([A-Z][a-z])`,
      // which backtracks through every run of capitals: quadratic, seconds for a 100k-letter key.
      .replace(/([A-Z])(?=[A-Z][a-z])/g, "$1_")
      .replace(/-/g, "_")
      .toLowerCase()
  );
}

/** Names cdktf's bindings give attributes that clash with reserved words: `self` → `selfAttribute`. */
const BINDING_SUFFIX = "_attribute";

/**
 * The Terraform names a binding-style key stands for: its snake_case form, and that form without
 * the `_attribute` suffix (`fromPort` → `from_port`; `selfAttribute` → `self_attribute`, `self`).
 */
export function terraformNamesOf(key: string): string[] {
  const snake = toSnakeCase(key);
  return snake.endsWith(BINDING_SUFFIX) ? [snake, snake.slice(0, -BINDING_SUFFIX.length)] : [snake];
}

export interface SuggestOptions {
  /** The owning type, e.g. `aws_elasticache_subnet_group`, for owner-prefixed names. */
  ownerType?: string;
  /** At most this many suggestions. */
  limit?: number;
}

/** Edits allowed: Terraform's two (distance below 3) for any name, three from twelve letters on. */
function editBudget(length: number): number {
  return length >= 12 ? 3 : 2;
}

export function suggestNames(unknown: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const names = [...new Set(candidates)];
  const known = new Set(names);
  const out: string[] = [];
  const add = (name: string) => {
    if (known.has(name) && !out.includes(name)) out.push(name);
  };

  const forms = terraformNamesOf(unknown);
  forms.forEach(add);
  const snake = forms[0]!;

  if (options.ownerType) {
    // aws_elasticache_subnet_group → try stripping "subnet_group_", "elasticache_subnet_group_", …
    const ownerWords = options.ownerType.split("_");
    for (let i = ownerWords.length - 1; i >= 1; i--) {
      const prefix = ownerWords.slice(i).join("_") + "_";
      if (unknown.startsWith(prefix)) add(unknown.slice(prefix.length));
    }
  }

  // As written (what Terraform compares) and in snake_case (what a camelCase key means).
  const budget = editBudget(snake.length);
  names
    .map((name) => ({ name, d: Math.min(withinDistance(unknown, name, budget), withinDistance(snake, name, budget)) }))
    .filter(({ d }) => d <= budget)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .forEach(({ name }) => add(name));

  return out.slice(0, options.limit ?? 3);
}

/** Terraform's hint after a name it does not know: ` Did you mean "x"?` for the nearest suggestion, else nothing. */
export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? ` Did you mean "${suggestions[0]}"?` : "";
}

/** `text` cut to `limit` characters, an ellipsis marking the cut (for quoting user strings in a message). */
export function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
