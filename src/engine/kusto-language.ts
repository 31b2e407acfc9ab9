/**
 * Adapter over Microsoft's Kusto parser/analyzer (@kusto/language-service-next). The package is a
 * Bridge.NET build (bridge.js, then Kusto.Language.Bridge.js) that installs itself on `globalThis`
 * instead of exporting, and its d.ts is a 1.7 MB global namespace; we describe only the members we
 * use. How the two scripts get loaded is the host's business (Node: `require`; a worker:
 * `importScripts` or an import of the files): the host installs a loader with
 * `setKustoLanguageLoader`, called once, on first use, unless the globals are already there.
 */

export interface KList<T> {
  Count: number;
  getItem(index: number): T;
}

export interface KSymbol {
  Name: string;
  Kind: number;
  IsScalar: boolean;
  IsTabular: boolean;
}
export interface KColumnSymbol extends KSymbol {
  Type: KSymbol;
}
export interface KTableSymbol extends KSymbol {
  Columns: KList<KColumnSymbol>;
}

export interface KNode {
  Kind: number;
  IsToken: boolean;
  IsMissing: boolean;
  ChildCount: number;
  TextStart: number;
  Width: number;
  Text?: string;
  GetChild(index: number): KNode | null;
  ToString(includeTrivia?: number): string;
}

export interface KDiagnostic {
  Code: string;
  Message: string;
  Severity: string;
  Start: number;
  Length: number;
  HasLocation: boolean;
}

export interface KCode {
  Syntax: KNode;
  ResultType: KSymbol | null;
  GetDiagnostics(): KList<KDiagnostic>;
}

interface KGlobalState {
  WithCluster(cluster: unknown): KGlobalState;
  WithDatabase(database: unknown): KGlobalState;
}

interface KustoLanguage {
  KustoCode: { ParseAndAnalyze(text: string, globals: KGlobalState): KCode };
  GlobalState: { Default: KGlobalState };
  Symbols: {
    ColumnSymbol: new (name: string, type: KSymbol) => KColumnSymbol;
    TableSymbol: { $ctor4: new (name: string, columns: KColumnSymbol[]) => KTableSymbol };
    DatabaseSymbol: { $ctor2: new (name: string, alternateName: string | null, members: KSymbol[]) => KSymbol };
    ClusterSymbol: { ctor: new (name: string, databases: KSymbol[]) => KSymbol };
    ScalarTypes: { GetSymbol(name: string): KSymbol | null };
  };
}

interface BridgeRuntime {
  getTypeName(value: unknown): string;
}

let loaded: { language: KustoLanguage; bridge: BridgeRuntime } | null = null;
let loader: (() => void) | null = null;

/**
 * How this host loads the two Bridge.NET scripts onto `globalThis` (synchronously: the translator
 * parses inside synchronous code). Set before the first query; the scripts load on first use.
 */
export function setKustoLanguageLoader(load: () => void): void {
  loader = load;
}

type LanguageGlobals = { Kusto?: { Language?: KustoLanguage }; Bridge?: BridgeRuntime };

function load(): { language: KustoLanguage; bridge: BridgeRuntime } {
  if (loaded) return loaded;
  const g = globalThis as unknown as LanguageGlobals;
  if (!g.Kusto?.Language || !g.Bridge) loader?.();
  const language = g.Kusto?.Language;
  const bridge = g.Bridge;
  if (!language || !bridge) {
    throw new Error('Kusto.Language is not loaded: the host sets a loader with setKustoLanguageLoader() before the first query.');
  }
  loaded = { language, bridge };
  return loaded;
}

export function kustoLanguage(): KustoLanguage {
  return load().language;
}

/** The node's class name without namespace or generic arity, e.g. "FilterOperator", "SyntaxList". */
export function nodeType(value: unknown): string {
  const full = load().bridge.getTypeName(value);
  const plain = full.replace(/`.*$/, '').replace(/\[.*$/, '');
  return plain.slice(plain.lastIndexOf('.') + 1).replace(/^SyntaxToken\+/, '');
}

/** A named member of a syntax node or symbol (Bridge exposes C# properties as plain JS properties). */
export function member<T>(value: unknown, name: string): T | null {
  if (value === null || typeof value !== 'object') return null;
  const v = (value as Record<string, unknown>)[name];
  return v === undefined || v === null ? null : (v as T);
}

export function node(value: unknown, name: string): KNode | null {
  return member<KNode>(value, name);
}

export function resultType(n: KNode | null): KSymbol | null {
  return member<KSymbol>(n, 'ResultType');
}

export function referencedSymbol(n: KNode | null): KSymbol | null {
  return member<KSymbol>(n, 'ReferencedSymbol');
}

export function listItems<T>(list: KList<T> | null): T[] {
  const out: T[] = [];
  if (!list) return out;
  for (let i = 0; i < list.Count; i++) out.push(list.getItem(i));
  return out;
}

/** Elements of a SyntaxList, unwrapping SeparatedElement<T> wrappers. */
export function syntaxListElements(list: KNode | null): KNode[] {
  const out: KNode[] = [];
  if (!list) return out;
  for (let i = 0; i < list.ChildCount; i++) {
    const child = list.GetChild(i);
    if (!child) continue;
    if (nodeType(child) === 'SeparatedElement') {
      const el = node(child, 'Element');
      if (el) out.push(el);
    } else out.push(child);
  }
  return out;
}

export function children(n: KNode): KNode[] {
  const out: KNode[] = [];
  for (let i = 0; i < n.ChildCount; i++) {
    const c = n.GetChild(i);
    if (c) out.push(c);
  }
  return out;
}

export function isTableSymbol(s: KSymbol | null): s is KTableSymbol {
  return s !== null && member<unknown>(s, 'Columns') !== null && s.IsTabular;
}

export function tokenText(n: KNode | null): string {
  if (!n) return '';
  return n.IsToken ? (n.Text ?? '') : n.ToString(0);
}
