/**
 * Convex Auth's signing keys: an RS256 private key (PKCS#8, on one line) and its JWKS.
 * `node --import tsx scripts/auth-keys.ts` prints them for `npx convex env set`.
 */
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";

export async function generateAuthKeys(): Promise<{ JWT_PRIVATE_KEY: string; JWKS: string }> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return {
    JWT_PRIVATE_KEY: (await exportPKCS8(privateKey)).trimEnd().replace(/\n/g, " "),
    JWKS: JSON.stringify({ keys: [{ use: "sig", ...(await exportJWK(publicKey)) }] }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const keys = await generateAuthKeys();
  console.log(`JWT_PRIVATE_KEY="${keys.JWT_PRIVATE_KEY}"`);
  console.log(`JWKS='${keys.JWKS}'`);
}
