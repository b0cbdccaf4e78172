/**
 * A Terraform provider that knows nothing but a schema (test-only, never shipped). It speaks
 * plugin protocol 6 over gRPC, completes go-plugin's handshake, answers `GetProviderSchema` from
 * a schema file, and accepts every configuration: Terraform core decodes configurations against
 * the schema itself, so `terraform validate` against this provider shows exactly what core
 * enforces from the schema alone.
 *
 *   CONFORMANCE_SCHEMA_FILE=schema.json [CONFORMANCE_SCHEMA_ADDRESS=registry.terraform.io/hashicorp/aws] server.ts
 *
 * Terraform starts it (see plugin-dir.ts), never a person.
 */
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { selfSignedCertificate } from "./certificate.js";
import { loadProviderSchema } from "./load-schema.js";
import { providerSchemaResponse } from "./schema-messages.js";

// go-plugin's handshake constants as Terraform's plugin6 package sets them.
const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const CORE_PROTOCOL_VERSION = 1;
const APP_PROTOCOL_VERSION = 6;

function fail(message: string): never {
  process.stderr.write(`conformance provider: ${message}\n`);
  process.exit(1);
}

if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
  fail("this is a Terraform plugin; it is started by Terraform, not run directly");
}
const offered = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? String(APP_PROTOCOL_VERSION)).split(",");
if (!offered.includes(String(APP_PROTOCOL_VERSION))) {
  fail(`Terraform offers plugin protocol versions ${offered.join(",")}; this provider speaks only ${APP_PROTOCOL_VERSION}`);
}
const schemaFile = process.env.CONFORMANCE_SCHEMA_FILE ?? fail("CONFORMANCE_SCHEMA_FILE is not set");
const schema = loadProviderSchema(schemaFile, process.env.CONFORMANCE_SCHEMA_ADDRESS);

const load = (name: string) =>
  grpc.loadPackageDefinition(
    protoLoader.loadSync(fileURLToPath(new URL(name, import.meta.url)), { keepCase: true, enums: String, longs: Number, defaults: true }),
  );
const service = (file: string, pkg: string, name: string) =>
  ((load(file)[pkg] as grpc.GrpcObject)[name] as grpc.ServiceClientConstructor).service;

const typeNames = (table: Record<string, unknown> | undefined) => Object.keys(table ?? {}).sort().map((type_name) => ({ type_name }));
const schemaResponse = providerSchemaResponse(schema);
const reply = (value: object): grpc.handleUnaryCall<unknown, unknown> => (_call, callback) => callback(null, value);
const noDiagnostics = reply({ diagnostics: [] });

const server = new grpc.Server();
server.addService(service("tfplugin6-subset.proto", "tfplugin6", "Provider"), {
  GetMetadata: reply({
    server_capabilities: schemaResponse.server_capabilities,
    diagnostics: [],
    resources: typeNames(schema.resource_schemas),
    data_sources: typeNames(schema.data_source_schemas),
  }),
  GetProviderSchema: reply(schemaResponse),
  ValidateProviderConfig: noDiagnostics,
  ValidateResourceConfig: noDiagnostics,
  ValidateDataResourceConfig: noDiagnostics,
  ValidateEphemeralResourceConfig: noDiagnostics,
  GetResourceIdentitySchemas: noDiagnostics,
  ConfigureProvider: noDiagnostics,
  StopProvider: reply({ Error: "" }),
});
server.addService(service("go-plugin-controller.proto", "plugin", "GRPCController"), {
  Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
    callback(null, {});
    setImmediate(() => server.tryShutdown(() => process.exit(0)));
  },
});

// AutoMTLS: Terraform hands us its client certificate and trusts only the one we print.
const clientCert = process.env.PLUGIN_CLIENT_CERT;
const certificate = clientCert ? selfSignedCertificate() : undefined;
const credentials = certificate
  ? grpc.ServerCredentials.createSsl(Buffer.from(clientCert!), [{ cert_chain: certificate.certPem, private_key: certificate.keyPem }], true)
  : grpc.ServerCredentials.createInsecure();

server.bindAsync("127.0.0.1:0", credentials, (err, port) => {
  if (err) fail(`cannot listen: ${err.message}`);
  const cert = certificate ? certificate.der.toString("base64").replace(/=+$/, "") : "";
  process.stdout.write(`${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc|${cert}\n`);
});
