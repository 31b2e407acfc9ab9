/**
 * Adapter over Microsoft's Kusto parser/analyzer (@kusto/language-service-next). The package is a
 * Bridge.NET build that installs itself on `globalThis` instead of exporting, and its d.ts is a
 * 1.7 MB global namespace; we load it with `require` and describe only the members we use.
 */
import { createRequire } from 'node:module';

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

function load(): { language: KustoLanguage; bridge: BridgeRuntime } {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.js');
  const g = globalThis as unknown as { Kusto: { Language: KustoLanguage }; Bridge: BridgeRuntime };
  loaded = { language: g.Kusto.Language, bridge: g.Bridge };
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
