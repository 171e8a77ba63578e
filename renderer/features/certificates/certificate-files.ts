/** Certificate files between the browser and the contract: read as base64, exported PEM saved as a download. */

/** The core refuses anything larger; checked here too so the user hears it before a long upload. */
export const MAX_FILE_BYTES = 1_000_000;

export async function readFileAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Offers PEM text as a download; typed so that nothing renders it. */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function tooLarge(file: File): string | null {
  return file.size > MAX_FILE_BYTES ? `${file.name} is too large to be a certificate file (over 1 MB).` : null;
}
