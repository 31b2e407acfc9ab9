// Dev-only page that mounts KqlEditor with a StormEvents schema; dev/harness/check-editor.ts drives it.
// Type-checked by tsconfig.pages.json with the editor it mounts.
import { createElement as h, useCallback, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { EditorMarker, EditorSchema, KqlEditorHandle } from '../../src/features/editor/types';
import { KqlEditor } from '../../src/features/editor/lazy-kql-editor';

const mountedAt = performance.now();

// The shape `.show databases schema as json` returns, for the local cluster's Samples database.
function stormEventsSchema(): unknown {
  const columns: [string, string, string][] = [
    ['StartTime', 'System.DateTime', 'datetime'],
    ['EndTime', 'System.DateTime', 'datetime'],
    ['EpisodeId', 'System.Int32', 'int'],
    ['EventId', 'System.Int32', 'int'],
    ['State', 'System.String', 'string'],
    ['EventType', 'System.String', 'string'],
    ['InjuriesDirect', 'System.Int32', 'int'],
    ['DamageProperty', 'System.Int32', 'int'],
    ['DamageCrops', 'System.Int32', 'int'],
    ['Source', 'System.String', 'string'],
    ['BeginLat', 'System.Double', 'real'],
    ['BeginLon', 'System.Double', 'real'],
    ['StormSummary', 'System.Object', 'dynamic'],
  ];
  return {
    Plugins: [],
    Databases: {
      Samples: {
        Name: 'Samples',
        Tables: {
          StormEvents: {
            Name: 'StormEvents',
            EntityType: 'Table',
            DocString: 'US storm events, 2007',
            OrderedColumns: columns.map(([Name, Type, CslType]) => ({ Name, Type, CslType })),
          },
        },
        ExternalTables: {},
        MaterializedViews: {},
        Functions: {},
        EntityGroups: {},
        MajorVersion: 1,
        MinorVersion: 0,
        DatabaseAccessMode: 'ReadWrite',
      },
    },
  };
}

interface Timings {
  ready?: number;
  schemaLoaded?: number;
}

function Harness() {
  const editorRef = useRef<KqlEditorHandle>(null);
  const [value, setValue] = useState('');
  const [lastRun, setLastRun] = useState('');
  const [cancels, setCancels] = useState(0);
  const [markers, setMarkers] = useState<EditorMarker[]>([]);
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const [timings, setTimings] = useState<Timings>({});
  const schema = useMemo<EditorSchema>(
    () => ({ showSchemaJson: stormEventsSchema(), clusterUrl: 'https://localhost:8443', database: 'Samples' }),
    [],
  );
  const onReady = useCallback(() => {
    setTimings((t) => ({ ...t, ready: Math.round(performance.now() - mountedAt) }));
  }, []);
  const onSchemaLoaded = useCallback(() => {
    setTimings((t) => ({ ...t, schemaLoaded: Math.round(performance.now() - mountedAt) }));
  }, []);

  return h(
    'main',
    null,
    h('div', { id: 'editor' },
      h(KqlEditor, {
        ref: editorRef,
        value,
        onChange: setValue,
        onRun: (text: string) => setLastRun(text),
        onCancel: () => setCancels((n) => n + 1),
        schema,
        markers,
        theme,
        onReady,
        onSchemaLoaded,
      }),
    ),
    h('p', null,
      h('button', { type: 'button', onClick: () => editorRef.current?.insertAtCursor('StormEvents') }, 'Insert StormEvents'),
      ' ',
      h('button', { type: 'button', onClick: () => setMarkers([{ line: 1, column: 1, message: 'Harness marker' }]) }, 'Show marker'),
      ' ',
      h('button', { type: 'button', onClick: () => setTheme((t) => (t === 'light' ? 'dark' : 'light')) }, 'Toggle theme'),
    ),
    h('h2', null, 'Last run'),
    h('pre', { 'aria-label': 'Last run' }, lastRun),
    h('pre', { 'aria-label': 'Cancel count' }, String(cancels)),
    h('pre', { 'aria-label': 'Editor value' }, value),
    h('pre', { 'aria-label': 'Timings' }, JSON.stringify(timings)),
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('harness page has no #root');
createRoot(root).render(h(Harness));
