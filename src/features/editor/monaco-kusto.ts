// Monaco + monaco-kusto, loaded only through the lazy KqlEditor chunk. Only the editor core and the
// contributions a KQL editor uses are imported: `monaco-editor`'s main entry would also pull the
// TypeScript, CSS, HTML and JSON language services and their workers (several MB).
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/browser/coreCommands';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/esm/vs/editor/contrib/caretOperations/browser/caretOperations';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/esm/vs/editor/contrib/codeAction/browser/codeActionContributions';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding';
import 'monaco-editor/esm/vs/editor/contrib/format/browser/formatActions';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hover';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/esm/vs/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/esm/vs/editor/contrib/readOnlyMessage/browser/contribution';
import 'monaco-editor/esm/vs/editor/contrib/smartSelect/browser/smartSelect';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController';
// Ctrl+M (Ctrl+Shift+M on macOS): Tab moves focus instead of typing a tab, so keyboard users are not
// trapped in the editor (WCAG 2.1.2).
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { getKustoWorker, kustoDefaults, themeNames } from '@kusto/monaco-kusto';
import KustoWorker from './kusto.worker?worker';

// monaco-kusto 10 colours in its worker (ColorizationAdapter), and only after an edit or a schema
// change: until the schema arrives (seconds on a cold cluster, never when it fails) the text stays
// black. The Monarch tokenizer colours keywords, strings, numbers and comments on the main thread
// at once; the worker's decorations refine it (tables, columns, functions) when they come.
// Set before the first kusto model is created: setupMode reads the flag once, and a later change
// restarts the language worker, which drops its schema.
kustoDefaults.setLanguageSettings({ ...kustoDefaults.languageSettings, useTokenColorization: true });

// Set here rather than at app start so nothing of the editor runs until it is first shown.
// monaco-kusto asks for its worker with the label 'kusto'; everything else is monaco's own.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'kusto' ? new KustoWorker() : new EditorWorker();
  },
};

export { monaco, getKustoWorker, themeNames };
