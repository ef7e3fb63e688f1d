/** The SHA-256 of a file's bytes, as 64 lowercase hex digits (the Web Crypto API, in a page or a worker). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
