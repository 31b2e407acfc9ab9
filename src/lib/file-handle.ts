/**
 * The part of a File System Access file handle the app uses (showOpenFilePicker, a drop's
 * getAsFileSystemHandle, one kept in IndexedDB): FileSystemFileHandle is not in every TypeScript
 * DOM lib yet. https://developer.mozilla.org/docs/Web/API/FileSystemFileHandle
 */
export interface FileHandle {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
  queryPermission?(options: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'read' }): Promise<PermissionState>;
}
