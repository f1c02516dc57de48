/** Save text or bytes as a file from an extension page (CSV text already carries its BOM). */
export function downloadFile(name: string, content: string | Uint8Array, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
