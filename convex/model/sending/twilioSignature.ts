/**
 * Twilio's request signature (X-Twilio-Signature): HMAC-SHA1 keyed by the auth token over the
 * full URL followed by every POST parameter's name and value, sorted by name; base64. Runs in
 * Convex's default runtime (WebCrypto). Compared in constant time.
 */

/** Imported keys by auth token: importing costs more than signing, and every webhook needs one. */
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(authToken: string): Promise<CryptoKey> {
  let key = keys.get(authToken);
  if (key === undefined) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(authToken), { name: "HMAC", hash: "SHA-1" }, false, [
      "sign",
    ]);
    if (keys.size > 8) keys.clear();
    keys.set(authToken, key);
  }
  return key;
}

/** The signature Twilio sends for a POST to `url` with form `params`. */
export async function twilioSignature(authToken: string, url: string, params: Record<string, string>): Promise<string> {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((name) => name + params[name])
      .join("");
  const key = await hmacKey(authToken);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data)));
  let binary = "";
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Whether `signature` is Twilio's for this request; false for a missing or malformed one. */
export async function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signature: string | null,
): Promise<boolean> {
  if (!signature || !authToken) return false;
  const expected = await twilioSignature(authToken, url, params);
  if (expected.length !== signature.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  return diff === 0;
}
