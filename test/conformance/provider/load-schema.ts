/**
 * What the test provider serves: one provider's entry of a `terraform providers schema -json`
 * document, or a bare provider schema (`{ provider, resource_schemas, … }`), read from a file.
 */
import { readFileSync } from "node:fs";
import { providerSchemaSchema, providersSchemaDocumentSchema, type ProviderSchema } from "../../../src/schema/format.js";

export function loadProviderSchema(file: string, address?: string): ProviderSchema {
  const json: unknown = JSON.parse(readFileSync(file, "utf8"));
  const document = providersSchemaDocumentSchema.safeParse(json);
  if (!document.success) return providerSchemaSchema.parse(json);
  const entries = Object.entries(document.data.provider_schemas ?? {});
  const chosen = address === undefined && entries.length === 1 ? entries[0] : entries.find(([name]) => name === address);
  if (!chosen) {
    throw new Error(`${file}: no provider ${address ?? "(several present; name one)"} among ${entries.map(([n]) => n).join(", ")}`);
  }
  return chosen[1];
}
