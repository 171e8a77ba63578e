/** Certificate files between the browser and the contract: read as base64, exported PEM saved as a download. */
import { saveBlob } from '../../lib/files';

/** The core refuses anything larger; checked here too so the user hears it before a long upload. */
export const MAX_FILE_BYTES = 1_000_000;

export { fileToBase64 as readFileAsBase64 } from '../../lib/files';

/** Offers PEM text as a download; typed so that nothing renders it. */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  saveBlob(fileName, new Blob([text], { type: 'application/x-pem-file' }), doc);
}

export function tooLarge(file: File): string | null {
  return file.size > MAX_FILE_BYTES ? `${file.name} is too large to be a certificate file (over 1 MB).` : null;
}
