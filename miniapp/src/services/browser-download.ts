/** In the H5 build, hands a file to the browser as a download (the object URL is released shortly after). */
export function browserDownload(filename: string, blob: Blob): string {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return `已下载 ${filename}`;
}
