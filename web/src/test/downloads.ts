import { vi } from 'vitest';

export interface SavedFile {
  name: string;
  blob: Blob;
}

/**
 * Catches the files the page hands to the browser to save (`saveFile`: an object URL and a link
 * clicked), instead of a download happy-dom cannot make. `stop()` lets links click again.
 */
export function catchDownloads(): { saved: SavedFile[]; stop(): void } {
  const saved: SavedFile[] = [];
  let blob: Blob | undefined;
  URL.createObjectURL = (b: Blob) => {
    blob = b;
    return 'blob:download';
  };
  URL.revokeObjectURL = () => {};
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ name: this.download, blob: blob! });
  });
  return { saved, stop: () => click.mockRestore() };
}
