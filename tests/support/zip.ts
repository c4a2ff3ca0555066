import JSZip from 'jszip';

/** The files of a zip archive (as Serverless packages a function), by name, read with jszip. */
export async function zipEntries(archive: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(archive);
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}
