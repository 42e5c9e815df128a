// Offline check of a certificate QR text (API.md "QR code holds the text"):
//   {base_url}/v/{number}?d={payload}&s={signature}
// payload = base64url (no padding) of the canonical JSON {"issued_on","issuer","kid","level","name",
// "number","occupation","occupation_code"}; signature = base64url of the DER SM2 signature (SM3 digest,
// user id "1234567812345678") over exactly the payload's JSON bytes. The public key (PEM, SPKI) is found
// by the payload's kid among GET /public/keys. sm-crypto is loaded only when a QR is checked.

export const SM2_USER_ID = '1234567812345678';

export function b64urlToBytes(s) {
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]*={0,2}$/.test(s)) throw new Error('base64url');
  const b64 = s.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const pad = b64.length % 4 === 2 ? '==' : b64.length % 4 === 3 ? '=' : b64.length % 4 === 1 ? null : '';
  if (pad === null) throw new Error('base64url');
  const bin = atob(b64 + pad);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

// Parses the QR text (a link, or the text pasted from a scanner). Returns {number, d, s} or throws.
// `seg` is the path segment before the number: 'v' for certificates, 'k' for 山东惠才卡 (the same scheme).
export function parseQrText(text, seg = 'v') {
  const raw = String(text || '').trim();
  let url;
  try {
    url = new URL(raw, 'http://local.invalid');
  } catch {
    throw Object.assign(new Error('format'), { reason: 'format' });
  }
  const m = new RegExp(`/${seg}/([^/?#]+)$`).exec(url.pathname);
  const d = url.searchParams.get('d');
  const s = url.searchParams.get('s');
  if (!m || !d || !s) throw Object.assign(new Error('format'), { reason: 'format' });
  return { number: decodeURIComponent(m[1]), d, s };
}

// the uncompressed EC point (04 || X || Y, hex) of an SM2 public key in PEM (SubjectPublicKeyInfo)
export function pemToPointHex(pem) {
  const body = String(pem).replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  // the key is the BIT STRING at the end: 03 42 00 04 X(32) Y(32)
  for (let i = der.length - 68; i >= 0; i--) {
    if (der[i] === 0x03 && der[i + 1] === 0x42 && der[i + 2] === 0x00 && der[i + 3] === 0x04 && i + 68 === der.length) {
      return hex(der.subarray(i + 3));
    }
  }
  throw new Error('not an uncompressed SM2 public key');
}

// Checks a QR text against the issuing keys. Resolves to
//   { ok: true, payload, key }                     the signature is genuine
//   { ok: false, reason: 'format'|'payload'|'number_mismatch'|'unknown_key'|'signature', payload? }
export async function verifyQr(text, keys, seg = 'v') {
  let parts;
  try {
    parts = parseQrText(text, seg);
  } catch {
    return { ok: false, reason: 'format' };
  }
  let payloadBytes, payload, sig;
  try {
    payloadBytes = b64urlToBytes(parts.d);
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
    sig = b64urlToBytes(parts.s);
  } catch {
    return { ok: false, reason: 'payload' };
  }
  if (!payload || typeof payload !== 'object') return { ok: false, reason: 'payload' };
  const key = (keys || []).find((k) => k.kid === payload.kid && String(k.alg).toUpperCase() === 'SM2');
  if (!key) return { ok: false, reason: 'unknown_key', payload };
  let pub;
  try {
    pub = pemToPointHex(key.public_key);
  } catch {
    return { ok: false, reason: 'unknown_key', payload };
  }
  const { default: sm2 } = await import('sm-crypto/src/sm2/index.js');
  let good = false;
  try {
    good = sm2.doVerifySignature(Array.from(payloadBytes), hex(sig), pub, { der: true, hash: true, userId: SM2_USER_ID });
  } catch {
    good = false;
  }
  if (!good) return { ok: false, reason: 'signature', payload, key };
  if (payload.number !== parts.number) return { ok: false, reason: 'number_mismatch', payload, key };
  return { ok: true, payload, key };
}
