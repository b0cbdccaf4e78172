/**
 * A schema someone already has: the output of `terraform providers schema -json` saved to a file
 * (any number of providers), or one provider's entry of it. That output does not say which
 * version it describes, so callers must.
 */
import { z } from "../../zod.js";
import { normalizeProviderAddress } from "../address.js";
import { providerSchemaSchema, providersSchemaDocumentSchema, type ProviderSchema } from "../format.js";
import { readSchemaFile, SchemaFileError, validateSchemaValue } from "../read.js";

/** The schema of `address` in `file`; with no address, the file's only provider. */
export function readProviderSchemaFile(file: string, address?: string): { address?: string; schema: ProviderSchema } {
  const value = readSchemaFile(z.unknown(), file);
  const isDocument = typeof value === "object" && value !== null && "format_version" in value;
  if (!isDocument) {
    const schema = validateSchemaValue(providerSchemaSchema, value, file);
    return { ...(address ? { address: normalizeProviderAddress(address) } : {}), schema };
  }
  const parsed = validateSchemaValue(providersSchemaDocumentSchema, value, file);
  const entries = Object.entries(parsed.provider_schemas ?? {});
  const wanted = address === undefined ? undefined : normalizeProviderAddress(address);
  const chosen = wanted === undefined ? (entries.length === 1 ? entries[0] : undefined) : entries.find(([name]) => name === wanted);
  if (!chosen) {
    const present = entries.map(([name]) => name).join(", ") || "none";
    throw new SchemaFileError(file, wanted ? `no provider ${wanted} in it (present: ${present})` : `it holds several providers (${present}); name one`);
  }
  return { address: chosen[0], schema: chosen[1] };
}
