/**
 * Files a query wants open: the last session's, after a reload, or a share link's. "Reopen files"
 * uses the kept File System Access handles where there are some (the browser may ask to allow
 * reading them again) and otherwise opens the picker for the files named here.
 */
import { useRef, useState } from 'react';
import { selectors } from '../../../testing/selectors';
import type { WantedFiles } from '../hooks/use-local-files';

interface WantedFilesProps {
  wanted: WantedFiles;
  accept: string;
  reopenFromHandles(): Promise<string[]>;
  openWanted(files: File[]): void;
  dismiss(): void;
}

export function WantedFilesNotice({ wanted, accept, reopenFromHandles, openWanted, dismiss }: WantedFilesProps) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const names = wanted.files.map((f) => f.fileName);
  const text = wanted.reason === 'link'
    ? `This query reads local files: ${names.join(', ')}. The link carries their names, never their data. Open them to run it.`
    : `Your last session had local files open: ${names.join(', ')}. They stay in your browser; open them again to query them.`;
  return (
    <section className="link-notice wanted-files" aria-label={selectors.localFiles.reopenNotice.name}>
      <span>{text}</span>
      <span className="wanted-files-actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            // The picker must open within this click's gesture when no handle is kept.
            void reopenFromHandles().then((missing) => {
              setBusy(false);
              if (missing.length > 0) input.current?.click();
            });
          }}
        >
          {selectors.localFiles.reopen.name}
        </button>
        <button type="button" onClick={dismiss}>{wanted.reason === 'link' ? 'Dismiss' : 'Forget them'}</button>
      </span>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={accept}
        aria-label={selectors.localFiles.reopenInput.name}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) openWanted(files);
        }}
      />
    </section>
  );
}
