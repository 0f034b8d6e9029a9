// Python's 18.2.5.1 example, "Testing for SSL support": code that must work without TLS
// checks whether the module can be loaded, and what the stack behind it supports.
// Run: deno run examples/ssl_testing_for_ssl_support.ts

let ssl: typeof import("@ipcnet/std/ssl") | null = null;
try {
  ssl = await import("@ipcnet/std/ssl");
} catch {
  // No TLS here: carry on without it, as Python code does after an ImportError.
}

if (ssl === null) {
  console.log("TLS is not available; continuing in plain text.");
} else {
  // Do something that requires SSL support.
  console.log(`TLS is available: ${ssl.OPENSSL_VERSION}`);
  console.log(
    `  TLS 1.3: ${ssl.HAS_TLSv1_3}, TLS 1.2: ${ssl.HAS_TLSv1_2}, TLS 1.1: ${ssl.HAS_TLSv1_1}`,
  );
  console.log(
    `  SNI: ${ssl.HAS_SNI}, ALPN: ${ssl.HAS_ALPN}, NPN: ${ssl.HAS_NPN}, ECDH: ${ssl.HAS_ECDH}`,
  );
  const ctx = ssl.createDefaultContext();
  console.log(`  a default client context trusts ${ctx.certStoreStats().x509_ca} root CAs`);
}
