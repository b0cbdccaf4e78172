/**
 * What the rest of the program sees of a provider schema: one provider at one version, whose
 * resource and data source schemas are fetched by type name. Implementations may load lazily;
 * callers must not assume the whole provider is in memory.
 */
import type { SchemaBlock, TypeSchema } from "./format.js";

/** Where a snapshot came from, recorded next to it. */
export interface SnapshotProvenance {
  /** How it was made: `terraform` (providers schema -json), `bindings` (extracted from generated code), `file`. */
  method: "terraform" | "bindings" | "file";
  /** e.g. `@cdktf/provider-aws@21.22.1`, `terraform 1.11.4`, or a file path. */
  from: string;
  /** ISO date the snapshot was made. */
  createdAt: string;
  /** Known ways in which this snapshot differs from the provider's real schema. */
  notes?: string[];
}

export interface ProviderSchemaSnapshot {
  /** Fully qualified provider address, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly address: string;
  readonly version: string;
  readonly provenance: SnapshotProvenance;
  /** The provider configuration block (`provider "aws" { … }`). */
  provider(): SchemaBlock;
  resource(type: string): TypeSchema | undefined;
  dataSource(type: string): TypeSchema | undefined;
  /** Names only: listing types must not load their schemas. */
  resourceTypes(): readonly string[];
  dataSourceTypes(): readonly string[];
  /**
   * The provider's functions (`provider::<name>::<function>`), or undefined when the snapshot
   * does not record them (extracted from bindings, or made before Terraform 1.8).
   */
  functions?(): readonly string[] | undefined;
}
