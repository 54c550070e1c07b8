/**
 * Signing keys made in the test (RSA, crypto.subtle), as the platforms that
 * sign their pushed events publish theirs (a JWKS), and a POST to a gateway
 * webhook path with such a token. Google Chat's and Teams' stand-ins both
 * use it.
 */
import { exportJWK, exportPKCS8, type JWTPayload, SignJWT } from "jose";

export interface SigningKey {
  kid: string;
  /** The public half, as a JWKS lists it. */
  publicJwk: JsonWebKey & { kid: string; alg: string; use: string };
  /** The private half as PKCS#8 PEM (a service-account key file holds one). */
  privatePem: string;
  /** A JWT with these claims (iat now and exp in an hour unless given). */
  sign(claims: JWTPayload): Promise<string>;
}

/**
 * RSA-2048 key generation takes up to a second or two on a busy machine, so
 * each slot's pair is made once per test process and reused by the stand-ins.
 */
const pairs = new Map<string, Promise<CryptoKeyPair>>();

function keyPair(slot: string): Promise<CryptoKeyPair> {
  let pair = pairs.get(slot);
  if (!pair) {
    pair = crypto.subtle.generateKey(
      {
        name: "RSASSA-PKCS1-v1_5",
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: "SHA-256",
      },
      true,
      ["sign", "verify"],
    );
    pairs.set(slot, pair);
  }
  return pair;
}

/** A key named `kid`; `slot` picks its material: keys of different slots never verify each other. */
export async function signingKey(kid: string, slot: string): Promise<SigningKey> {
  const pair = await keyPair(slot);
  const publicJwk = { ...await exportJWK(pair.publicKey), kid, alg: "RS256", use: "sig" };
  return {
    kid,
    publicJwk,
    privatePem: await exportPKCS8(pair.privateKey),
    sign: (claims) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iat: now, exp: now + 3600, ...claims })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .sign(pair.privateKey);
    },
  };
}

/** An hour in the past: a token that expired long before any clock tolerance. */
export function expired(): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { iat: now - 7200, exp: now - 3600 };
}

/** POST `body` as JSON to the gateway's `path` with `token` as bearer (none when absent). */
export async function postSigned(
  httpUrl: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; text: string }> {
  const res = await fetch(new URL(path, httpUrl), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}
