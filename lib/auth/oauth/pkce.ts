/**
 * PKCE (RFC 7636) for the ChatGPT sign-in: a random verifier, its S256
 * challenge, and a random state that the pasted answer must carry back.
 */
import type { Host } from "../../host.ts";

export interface PkcePair {
  verifier: string;
  challenge: string;
  state: string;
}

export function base64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function createPkce(host: Host): Promise<PkcePair> {
  const verifier = base64Url(host.randomBytes(32));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  const challenge = base64Url(new Uint8Array(digest));
  const state = Array.from(host.randomBytes(16), (b) => b.toString(16).padStart(2, "0")).join("");
  return { verifier, challenge, state };
}
