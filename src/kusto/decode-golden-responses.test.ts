/**
 * Golden tests: responses recorded from the service, as the official SDKs keep them for their
 * own tests (sources in golden-responses/README.md). Every expected value below was read off the
 * JSON by hand, never taken from this decoder's output. The documentation's own examples (the
 * last describe) are here too.
 */
import { describe, expect, it } from 'vitest';
import { cellText, dynamicAt, formatCell, isNullAt } from './columnar';
import { decodeV1DataSet } from './decode-v1';
import { errorFromHttpResponse } from './errors';
import { V2StreamDecoder, decodeV2Frames, type DecodeResult } from './decode-v2';
import type { ColumnarColumn, ColumnarTable } from './types';
import allTypesFragmented from './golden-responses/v2/all-types-fragmented.json?raw';
import deft from './golden-responses/v2/deft.json?raw';
import partialErrorEndOfTable from './golden-responses/v2/partial-error-end-of-table.json?raw';
import partialErrorInData from './golden-responses/v2/partial-error-in-data.json?raw';
import partialResultsAfterRows from './golden-responses/v2/partial-results-after-rows.json?raw';
import partialResultsWithCompletionRow from './golden-responses/v2/partial-results-with-completion-row.json?raw';
import progressiveReplace from './golden-responses/v2/progressive-replace.json?raw';
import zeroResults from './golden-responses/v2/zero-results.json?raw';
import v1PartialError from './golden-responses/v1/partial-error.json?raw';
import v1QueryWithStatus from './golden-responses/v1/query-with-status.json?raw';
import docsRequestFailure from './golden-responses/v2/docs-request-failure.json?raw';
import docsSingleTable from './golden-responses/v1/docs-single-table.json?raw';

function decoded(text: string): Extract<DecodeResult, { ok: true }> {
  const result = decodeV2Frames(text);
  if (!result.ok) throw new Error(`expected a data set, got: ${result.error.message}`);
  return result;
}

function column(table: ColumnarTable | undefined, name: string): ColumnarColumn {
  const found = table?.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

function texts(table: ColumnarTable | undefined, name: string): string[] {
  const c = column(table, name);
  return Array.from({ length: table!.rowCount }, (_, r) => formatCell(c, r));
}

function numbers(c: ColumnarColumn): ArrayLike<number | bigint> {
  if (c.type === 'int' || c.type === 'real' || c.type === 'long' || c.type === 'datetime' || c.type === 'timespan') return c.values;
  throw new Error(`${c.name} is a ${c.type} column`);
}

const LIMITS_80DA0003 = 'Query execution has exceeded the allowed limits (80DA0003): The results of this query exceed the set limit of 1 records, so not all records were returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003). See https://aka.ms/kustoquerylimits for more information and possible solutions..';

describe('a fragmented v2 response with every scalar type (azure-kusto-go validFrames.json)', () => {
  const { dataSet, partial } = decoded(allTypesFragmented);
  const table = dataSet.primaryResults[0];

  it('has one primary result, AllDataTypes, with the two rows of its one fragment', () => {
    expect(dataSet.primaryResults).toHaveLength(1);
    expect(table?.tableName).toBe('AllDataTypes');
    expect(table?.rowCount).toBe(2);
    expect(table?.columns.map((c) => c.type)).toEqual(['int', 'decimal', 'datetime', 'timespan', 'dynamic', 'bool', 'real', 'string', 'long', 'guid']);
    expect(partial).toBeNull();
  });

  it('reads each type of the first row exactly', () => {
    expect(numbers(column(table, 'vnum'))[0]).toBe(1);
    expect(formatCell(column(table, 'vdec'), 0)).toBe('2.00000000000001');
    expect(formatCell(column(table, 'vdate'), 0)).toBe('2020-03-04T14:05:01.3109965Z');
    expect(formatCell(column(table, 'vspan'), 0)).toBe('01:23:45.6789000');
    // 1 h 23 min 45.6789 s
    expect(numbers(column(table, 'vspan'))[0]).toBeCloseTo(3_600_000 + 23 * 60_000 + 45_678.9, 6);
    const vobj = column(table, 'vobj');
    expect(vobj.type === 'dynamic' ? dynamicAt(vobj, 0) : null).toEqual({ moshe: 'value' });
    expect(formatCell(column(table, 'vb'), 0)).toBe('true');
    expect(numbers(column(table, 'vreal'))[0]).toBe(0.01);
    expect(formatCell(column(table, 'vstr'), 0)).toBe('asdf');
    expect(numbers(column(table, 'vlong'))[0]).toBe(9223372036854775807n);
    expect(formatCell(column(table, 'vguid'), 0)).toBe('123e27de-1e4e-49d9-b579-fe0b331d3642');
  });

  it('keeps the 100-ns digits of the datetime apart from its milliseconds', () => {
    const vdate = column(table, 'vdate');
    // values: epoch milliseconds with their fraction (for sorting and charts); ticks: the 100-ns units below the millisecond.
    expect(vdate.type === 'datetime' ? [Math.floor(vdate.values[0]!), vdate.ticks[0]] : null).toEqual([Date.UTC(2020, 2, 4, 14, 5, 1, 310), 9965]);
  });

  it('reads the second row as nulls, except the string, which Kusto never sends as null', () => {
    const nullable = ['vnum', 'vdec', 'vdate', 'vspan', 'vobj', 'vb', 'vreal', 'vlong', 'vguid'];
    expect(nullable.map((name) => isNullAt(column(table, name), 1))).toEqual(nullable.map(() => true));
    expect(isNullAt(column(table, 'vstr'), 1)).toBe(false);
    expect(formatCell(column(table, 'vstr'), 1)).toBe('');
  });

  it('keeps the service tables: @ExtendedProperties and QueryCompletionInformation with both Info rows', () => {
    expect(dataSet.tables.map((t) => [t.tableKind, t.tableName, t.rowCount])).toEqual([
      ['QueryProperties', '@ExtendedProperties', 1],
      ['PrimaryResult', 'AllDataTypes', 2],
      ['QueryCompletionInformation', 'QueryCompletionInformation', 2],
    ]);
    expect(texts(dataSet.tables[2], 'EventTypeName')).toEqual(['QueryInfo', 'WorkloadGroup']);
  });
});

describe('the Python SDK deft.json (a DataTable of every type, signed timespans, dynamic as text)', () => {
  const { dataSet, partial } = decoded(deft);
  const table = dataSet.primaryResults[0];

  it('has the Deft table: 11 rows, 19 columns', () => {
    expect(table?.tableName).toBe('Deft');
    expect(table?.rowCount).toBe(11);
    expect(table?.columns).toHaveLength(19);
    expect(partial).toBeNull();
  });

  it('reads the first row as nulls, strings as empty text', () => {
    for (const name of ['rownumber', 'xdouble', 'xfloat', 'xbool', 'xint16', 'xint32', 'xint64', 'xuint8', 'xuint16', 'xuint32', 'xuint64', 'xdate', 'xtime']) {
      expect(isNullAt(column(table, name), 0), name).toBe(true);
    }
    expect(['rowguid', 'xsmalltext', 'xtext', 'xnumberAsText', 'xtextWithNulls'].map((name) => formatCell(column(table, name), 0))).toEqual(['', '', '', '', '']);
  });

  it('reads numbers, booleans and the zero row without turning 0 or false into null', () => {
    expect(Array.from(numbers(column(table, 'rownumber'))).slice(1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(numbers(column(table, 'xint64'))).slice(1)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
    expect(numbers(column(table, 'xdouble'))[2]).toBe(1.0001);
    expect(numbers(column(table, 'xfloat'))[10]).toBe(9.09);
    expect(texts(table, 'xbool').slice(1, 4)).toEqual(['false', 'true', 'false']);
    expect(isNullAt(column(table, 'xbool'), 1)).toBe(false);
    expect(texts(table, 'xnumberAsText').slice(1, 3)).toEqual(['0', '1']);
  });

  it('writes datetimes with seven digits and shows them trimmed', () => {
    expect(formatCell(column(table, 'xdate'), 1)).toBe('2014-01-01T01:01:01.0000000Z');
    expect(cellText(column(table, 'xdate'), 10)).toBe('2023-01-01T01:01:01Z');
  });

  it('reads signed timespans with days and 100-ns digits', () => {
    expect(texts(table, 'xtime').slice(1, 4)).toEqual(['00:00:00', '1.00:00:01.0010001', '-2.00:00:02.0020002']);
    const ms = numbers(column(table, 'xtime'));
    expect(ms[1]).toBe(0);
    // 1 day + 1.0010001 s; -(2 days + 2.0020002 s)
    expect(ms[2]).toBeCloseTo(86_400_000 + 1_001.0001, 6);
    expect(ms[3]).toBeCloseTo(-(2 * 86_400_000 + 2_002.0002), 6);
  });

  it('shows a dynamic value the service sent as JSON text as that JSON', () => {
    expect(formatCell(column(table, 'xdynamicWithNulls'), 2)).toBe('{"rowId":1,"arr":[0,1]}');
    expect(formatCell(column(table, 'xdynamicWithNulls'), 10)).toBe('{"rowId":9,"arr":[0,9]}');
  });

  it('takes the execution time from QueryResourceConsumption', () => {
    expect(dataSet.stats?.executionTimeSec).toBe(0.0156154);
  });
});

describe('partial failures', () => {
  it('a failure in TableCompletion and again in DataSetCompletion is shown once (azure-kusto-go partialError.json)', () => {
    const { dataSet, partial } = decoded(partialErrorEndOfTable);
    expect(Array.from(numbers(column(dataSet.primaryResults[0], 'A')))).toEqual([1]);
    expect(partial?.kind).toBe('partial');
    expect(partial?.code).toBe('LimitsExceeded');
    expect(partial?.message).toBe(LIMITS_80DA0003);
    expect(partial?.oneApiErrors).toHaveLength(1);
  });

  it('an error row inside a table and DataSetCompletion: shown once, no primary result (azure-kusto-go partialErrorFullDataset.json)', () => {
    const { dataSet, partial } = decoded(partialErrorInData);
    expect(dataSet.primaryResults).toHaveLength(0);
    expect(dataSet.tables[0]?.rowCount).toBe(1);
    expect(partial?.message).toBe(LIMITS_80DA0003);
    expect(partial?.oneApiErrors).toHaveLength(1);
  });

  it('the five rows before an error row stay (Python SDK query_partial_results_defer_is_false.json)', () => {
    const { dataSet, partial } = decoded(partialResultsAfterRows);
    expect(Array.from(numbers(column(dataSet.primaryResults[0], 'x')))).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(partial?.message).toBe('Query execution has exceeded the allowed limits (80DA0003): .');
    expect(partial?.oneApiErrors).toHaveLength(1);
  });

  it('OneApiErrors and a Level-2 QueryCompletionInformation row: one message, never the payload JSON (Python SDK querypartialresults.json)', () => {
    const { dataSet, partial } = decoded(partialResultsWithCompletionRow);
    expect(Array.from(numbers(column(dataSet.primaryResults[0], 'x')))).toEqual([1n]);
    expect(partial?.message).toBe('Query execution has exceeded the allowed limits (2161770499): .');
    expect(partial?.message).not.toContain('"Count"');
    expect(partial?.oneApiErrors).toHaveLength(1);
  });
});

describe('a response with no rows (Python SDK zero_results.json)', () => {
  it('has an empty primary result with its column, no failure, and the stats', () => {
    const { dataSet, partial } = decoded(zeroResults);
    expect(dataSet.primaryResults[0]?.rowCount).toBe(0);
    expect(dataSet.primaryResults[0]?.columns.map((c) => [c.name, c.type])).toEqual([['print_0', 'string']]);
    expect(partial).toBeNull();
    expect(dataSet.stats?.executionTimeSec).toBe(0.0156475);
  });
});

describe('a progressive response (frames as learn.microsoft.com/kusto/api/rest/response-v2 describes them)', () => {
  it('ends with the replacing row and the row appended after it, each type at its extreme', () => {
    const { dataSet } = decoded(progressiveReplace);
    const table = dataSet.primaryResults[0];
    expect(table?.rowCount).toBe(2);
    expect(texts(table, 'vstr')).toEqual(['asdf', 'a "quoted" line\nbreak']);
    expect(Array.from(numbers(column(table, 'vnum')))).toEqual([1, -2147483648]);
    expect(Array.from(numbers(column(table, 'vlong')))).toEqual([9223372036854775807n, -9223372036854775808n]);
    expect(texts(table, 'vdec')).toEqual(['2.00000000000001', '-79228162514264337593543950335']);
    expect(texts(table, 'vdate')).toEqual(['2020-03-04T14:05:01.3109965Z', '0001-01-01T00:00:00.0000001Z']);
    expect(texts(table, 'vspan')).toEqual(['01:23:45.6789000', '-10675199.02:48:05.4775808']);
    const vobj = column(table, 'vobj');
    expect(vobj.type === 'dynamic' ? dynamicAt(vobj, 1) : null).toEqual([1, 'two', null]);
    expect(texts(table, 'vb')).toEqual(['true', 'false']);
    expect(numbers(column(table, 'vreal'))[1]).toBe(-1.5e-7);
    expect(texts(table, 'vguid')).toEqual(['123e27de-1e4e-49d9-b579-fe0b331d3642', '00000000-0000-0000-0000-000000000000']);
  });

  it('shows the rows so far, the progress and the replacement frame by frame as the bytes arrive', () => {
    const decoder = new V2StreamDecoder();
    const seen: { rows: number; vstr: string; progress: number | null; replacements: number; completed: boolean }[] = [];
    // One push per line: each line of the file is one frame.
    for (const line of progressiveReplace.split('\n')) {
      decoder.push(new TextEncoder().encode(`${line}\n`));
      const table = decoder.tablesSoFar().find((t) => t.table.tableId === 1);
      if (!table) continue;
      seen.push({
        rows: table.table.rowCount,
        vstr: texts(table.table, 'vstr').join('|'),
        progress: table.progress,
        replacements: table.replacements,
        completed: table.completed,
      });
    }
    expect(decoder.end().ok).toBe(true);
    expect(seen.slice(0, 7)).toEqual([
      { rows: 0, vstr: '', progress: null, replacements: 0, completed: false },
      { rows: 1, vstr: '', progress: null, replacements: 0, completed: false },
      { rows: 1, vstr: '', progress: 50, replacements: 0, completed: false },
      { rows: 1, vstr: 'asdf', progress: 50, replacements: 1, completed: false },
      { rows: 2, vstr: 'asdf|a "quoted" line\nbreak', progress: 50, replacements: 1, completed: false },
      { rows: 2, vstr: 'asdf|a "quoted" line\nbreak', progress: 100, replacements: 1, completed: false },
      { rows: 2, vstr: 'asdf|a "quoted" line\nbreak', progress: 100, replacements: 1, completed: true },
    ]);
  });
});

describe('v1 responses', () => {
  it('names the tables from the table of contents and keeps the 7th datetime digit (azure-kusto-go v1 success.json)', () => {
    const result = decodeV1DataSet(v1QueryWithStatus);
    if (!result.ok) throw new Error(result.error.message);
    const { dataSet } = result;
    expect(dataSet.primaryResults.map((t) => t.rowCount)).toEqual([3, 3]);
    expect(Array.from(numbers(column(dataSet.primaryResults[0], 'a')))).toEqual([1, 2, 3]);
    expect(texts(dataSet.primaryResults[1], 'a')).toEqual(['a', 'b', 'c']);
    const status = dataSet.tables.find((t) => t.tableKind === 'QueryCompletionInformation');
    expect(status?.tableName).toBe('QueryStatus');
    expect(texts(status, 'Timestamp')).toEqual(['2023-12-03T13:17:49.4832956Z', '2023-12-03T13:17:49.4832956Z']);
    expect(texts(status, 'SeverityName')).toEqual(['Info', 'Stats']);
    expect(result.partial).toBeNull();
  });

  it("an Exceptions row and the response's Exceptions: the rows before stay, the failure is shown once by its first line (azure-kusto-go v1 partialError.json)", () => {
    const result = decodeV1DataSet(v1PartialError);
    if (!result.ok) throw new Error(result.error.message);
    expect(Array.from(numbers(column(result.dataSet.primaryResults[0], 'a')))).toEqual([1]);
    expect(result.partial?.kind).toBe('partial');
    expect(result.partial?.message).toBe(LIMITS_80DA0003);
  });
});

describe("the REST API documentation's examples (learn.microsoft.com/kusto/api/rest/response and response-v2)", () => {
  it('a request failure (400, OneApiErrors): Kusto\'s full text, a semantic error, its inner code', () => {
    const error = errorFromHttpResponse(400, docsRequestFailure);
    expect(error.kind).toBe('semantic');
    expect(error.httpStatus).toBe(400);
    expect(error.code).toBe('SEM0100');
    expect(error.message).toBe("Request is invalid and cannot be processed: Semantic error: SEM0100: 'table' operator: Failed to resolve table expression named 'aaa'");
    expect(error.oneApiErrors?.map((e) => [e.code, e.type, e.permanent])).toEqual([['General_BadRequest', 'Kusto.Data.Exceptions.KustoBadRequestException', true]]);
  });

  it('a v1 sequence of one table: Table_0 with its one string cell, shown as the primary result', () => {
    const result = decodeV1DataSet(docsSingleTable);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.dataSet.primaryResults).toHaveLength(1);
    const table = result.dataSet.primaryResults[0];
    expect(table?.tableName).toBe('PrimaryResult');
    expect(table?.columns.map((c) => [c.name, c.type])).toEqual([['Text', 'string']]);
    expect(texts(table, 'Text')).toEqual(['Hello, World!']);
    expect(result.partial).toBeNull();
  });
});
