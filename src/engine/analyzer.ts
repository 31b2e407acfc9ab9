/** Schema → analyzer globals, and analyzer diagnostics → KustoEngineError. */
import { positionOf } from './errors';
import { type KCode, type KSymbol, kustoLanguage, listItems } from './kusto-language';
import { type EngineSchema, findDatabase } from './schema';
import { KustoEngineError } from './types';

export class Analyzer {
  private globals = new Map<string, { version: number; state: unknown }>();

  constructor(private readonly schema: EngineSchema) {}

  /** The first parse loads ~1.7 MB of generated code and JITs it (1–3 s): do it at start. */
  warm(): void {
    const K = kustoLanguage();
    K.KustoCode.ParseAndAnalyze('print x = 1 | where x > 0 | summarize count() by x', K.GlobalState.Default);
  }

  private globalsFor(database: string): unknown {
    const db = findDatabase(this.schema, database);
    const cached = this.globals.get(db.name);
    if (cached && cached.version === this.schema.version) return cached.state;
    const K = kustoLanguage();
    const S = K.Symbols;
    const symbolFor = (name: string) => {
      const members: KSymbol[] = [...(this.schema.databases.get(name)?.tables.values() ?? [])].map(
        (t) => new S.TableSymbol.$ctor4(t.name, t.columns.map((c) => new S.ColumnSymbol(c.ColumnName, scalarSymbol(c.ColumnType)))),
      );
      return new S.DatabaseSymbol.$ctor2(name, null, members);
    };
    const dbs = [...this.schema.databases.keys()].map((n) => ({ n, s: symbolFor(n) }));
    const current = dbs.find((d) => d.n === db.name)?.s;
    const cluster = new S.ClusterSymbol.ctor('localhost', dbs.map((d) => d.s));
    const state = K.GlobalState.Default.WithCluster(cluster).WithDatabase(current);
    this.globals.set(db.name, { version: this.schema.version, state });
    return state;
  }

  analyze(database: string, text: string): KCode {
    const K = kustoLanguage();
    const code = K.KustoCode.ParseAndAnalyze(text, this.globalsFor(database) as Parameters<typeof K.KustoCode.ParseAndAnalyze>[1]);
    const errors = listItems(code.GetDiagnostics()).filter((d) => d.Severity === 'Error');
    // Report a syntax error before any semantic error it may have caused.
    const first = errors.find((d) => isSyntaxCode(d.Code)) ?? errors[0];
    if (first) {
      const kind = isSyntaxCode(first.Code) ? 'syntax' : 'semantic';
      const position = first.HasLocation ? positionOf(text, first.Start) : undefined;
      throw new KustoEngineError(kind, first.Code, first.Message, position);
    }
    return code;
  }
}

// Kusto.Language numbers syntax diagnostics KS001–KS099 (DiagnosticFacts: "Syntax" category);
// semantic ones start at KS100.
function isSyntaxCode(code: string): boolean {
  const n = Number(code.slice(2));
  return Number.isFinite(n) && n < 100;
}

function scalarSymbol(type: string): KSymbol {
  const s = kustoLanguage().Symbols.ScalarTypes.GetSymbol(type);
  if (!s) throw new Error(`No analyzer type for ${type}`);
  return s;
}
