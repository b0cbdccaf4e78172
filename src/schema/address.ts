/**
 * Provider source addresses as Terraform writes them: `aws`, `hashicorp/aws` and
 * `registry.terraform.io/hashicorp/aws` all name the same provider.
 */
export interface ProviderAddress {
  hostname: string;
  namespace: string;
  type: string;
}

export const DEFAULT_REGISTRY = "registry.terraform.io";
export const DEFAULT_NAMESPACE = "hashicorp";

const PART = /^[a-z0-9][a-z0-9-_]*$/i;

export class ProviderAddressError extends Error {}

export function parseProviderAddress(source: string): ProviderAddress {
  const parts = source.trim().split("/");
  if (parts.length < 1 || parts.length > 3 || parts.some((p) => p === "")) {
    throw new ProviderAddressError(
      `"${source}" is not a valid provider source address: expected [hostname/]namespace/type, e.g. "hashicorp/aws"`,
    );
  }
  const [hostname, namespace, type] =
    parts.length === 3
      ? parts
      : parts.length === 2
        ? [DEFAULT_REGISTRY, ...parts]
        : [DEFAULT_REGISTRY, DEFAULT_NAMESPACE, parts[0]!];
  for (const [what, value] of [
    ["namespace", namespace],
    ["type", type],
  ] as const) {
    if (!PART.test(value!)) {
      throw new ProviderAddressError(`"${source}" has an invalid provider ${what} "${value}"`);
    }
  }
  return { hostname: hostname!.toLowerCase(), namespace: namespace!.toLowerCase(), type: type!.toLowerCase() };
}

export function formatProviderAddress(a: ProviderAddress): string {
  return `${a.hostname}/${a.namespace}/${a.type}`;
}

/** `aws` → `registry.terraform.io/hashicorp/aws`. */
export function normalizeProviderAddress(source: string): string {
  return formatProviderAddress(parseProviderAddress(source));
}
