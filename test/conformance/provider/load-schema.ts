/**
 * What the test provider serves: one provider's entry of a `terraform providers schema -json`
 * document, or a bare provider schema (`{ provider, resource_schemas, … }`), read from a file.
 */
import type { ProviderSchema } from "../../../src/schema/format.js";
import { readProviderSchemaFile } from "../../../src/schema/fetch/file.js";

export function loadProviderSchema(file: string, address?: string): ProviderSchema {
  return readProviderSchemaFile(file, address).schema;
}
