/** Files between the browser and the contract: base64 both ways, and saving through a download. */

/** A File's bytes as base64, in chunks so a large file does not overflow the call stack. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Hands bytes to the browser as a download: a save dialog in Electron, the downloads folder in a
 * browser. Never opened: `download` makes the link save, and the type is generic so nothing renders it.
 */
export function saveBytes(filename: string, base64: string, doc: Document = document): void {
  saveBlob(filename, new Blob([base64ToBytes(base64)], { type: 'application/octet-stream' }), doc);
}

/** Saves a Blob through a hidden download link; the Blob's type should be one nothing renders. */
export function saveBlob(filename: string, blob: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own reference to the blob by now; a minute is generous.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
