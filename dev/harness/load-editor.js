// A .js seam so the harness imports the lazy editor statically (the dev server's dependency scan
// and `vite build` both follow it) while tsconfig.node.json, which typechecks dev/ without JSX or
// vite/client types, reads only load-editor.d.ts and never walks into src/.
export { KqlEditor } from '../../src/features/editor/lazy-kql-editor';
