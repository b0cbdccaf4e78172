/**
 * go-plugin's AutoMTLS wants a fresh self-signed server certificate for every plugin process
 * (Terraform pins it from the handshake line, with server name `localhost`). Node 20 cannot
 * create X.509 certificates itself, so this asks the system's `openssl`.
 */
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ServerCertificate {
  certPem: Buffer;
  keyPem: Buffer;
  /** The DER bytes, for the handshake line. */
  der: Buffer;
}

export function selfSignedCertificate(): ServerCertificate {
  const dir = mkdtempSync(join(tmpdir(), "conformance-cert-"));
  try {
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    execFileSync(
      "openssl",
      [
        "req", "-x509", "-nodes", "-days", "2",
        "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost",
        "-addext", "extendedKeyUsage=serverAuth,clientAuth",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=digitalSignature,keyCertSign",
        "-keyout", key, "-out", cert,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    const certPem = readFileSync(cert);
    return { certPem, keyPem: readFileSync(key), der: new X509Certificate(certPem).raw };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
