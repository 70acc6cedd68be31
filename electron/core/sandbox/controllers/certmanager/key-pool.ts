/**
 * Private keys for issued certificates. RSA generation costs tens of milliseconds, so a few keys
 * per algorithm are generated ahead and handed out one at a time (each certificate and each
 * renewal still gets a fresh key).
 */
import { webcrypto } from 'node:crypto';

export type KeyAlgorithm = 'RSA' | 'ECDSA';

export interface KeySpec {
  algorithm: KeyAlgorithm;
  /** RSA modulus bits (2048, 3072, 4096) or ECDSA curve size (256, 384). */
  size: number;
}

export function webAlgorithm(spec: KeySpec): RsaHashedKeyGenParams | EcKeyGenParams {
  if (spec.algorithm === 'RSA') return { name: 'RSASSA-PKCS1-v1_5', modulusLength: spec.size, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  return { name: 'ECDSA', namedCurve: spec.size === 384 ? 'P-384' : 'P-256' };
}

export function signingAlgorithm(key: CryptoKey): Algorithm | EcdsaParams {
  if (key.algorithm.name === 'ECDSA') {
    const curve = (key.algorithm as EcKeyAlgorithm).namedCurve;
    return { name: 'ECDSA', hash: curve === 'P-384' ? 'SHA-384' : 'SHA-256' } as EcdsaParams;
  }
  return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm;
}

const POOL_SIZE = 3;
const pools = new Map<string, CryptoKeyPair[]>();
const refilling = new Set<string>();

const generate = (spec: KeySpec) => webcrypto.subtle.generateKey(webAlgorithm(spec), true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

function refill(spec: KeySpec): void {
  const id = `${spec.algorithm}-${spec.size}`;
  if (refilling.has(id)) return;
  refilling.add(id);
  const pool = pools.get(id) ?? [];
  pools.set(id, pool);
  void (async () => {
    try {
      while (pool.length < POOL_SIZE) pool.push(await generate(spec));
    } finally {
      refilling.delete(id);
    }
  })();
}

/** A fresh key pair: from the pool when one is ready, generated now otherwise. */
export async function takeKey(spec: KeySpec): Promise<CryptoKeyPair> {
  const id = `${spec.algorithm}-${spec.size}`;
  const key = pools.get(id)?.shift();
  refill(spec);
  return key ?? generate(spec);
}

/** Starts generating the common key kinds in the background. */
export function warmKeyPool(): void {
  refill({ algorithm: 'RSA', size: 2048 });
  refill({ algorithm: 'ECDSA', size: 256 });
}
