/**
 * Defects seen in responses captured from real clusters: the 7th fractional digit of a v1
 * datetime, and a failure reported twice (OneApiErrors and a Level-2 QueryCompletionInformation
 * row whose Payload is `{"Count":1,"Text":"…"}`).
 */
import { describe, expect, it } from 'vitest';
import { formatCell } from './columnar';
import { decodeV1Tables } from './decode-v1';
import { decodeV2Frames } from './decode-v2';
import { col, dataSetCompletion, dataSetHeader, dataTable, oneApiError, toV2Text } from '../testing/v2-factories';

const QCI_COLUMNS = [col('Level', 'int'), col('LevelName', 'string'), col('StatusCodeName', 'string'), col('EventTypeName', 'string'), col('Payload', 'string')];
const limitsText = 'Query execution has exceeded the allowed limits (80DA0003): The results of this query exceed the set limit of 1 records, so not all records were returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003).';

describe('v1 datetimes keep all seven fractional digits', () => {
  it.each(['2024-05-13T10:26:49.4832956Z', '2024-05-13T10:26:49.0000001Z', '2024-05-13T10:26:49.9999999Z', '1601-01-01T00:00:00.0000000Z'])('%s', (text) => {
    const decoded = decodeV1Tables(JSON.stringify({ Tables: [{ TableName: 'Table_0', Columns: [{ ColumnName: 't', DataType: 'DateTime', ColumnType: 'datetime' }], Rows: [[text]] }] }));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const column = decoded.tables[0]!.columns[0]!;
    expect(column.type === 'datetime' ? column.ticks[0] : -1).toBe(Number(text.slice(23, 27)));
    expect(formatCell(column, 0)).toBe(text);
  });
});

describe('a failure reported in OneApiErrors and as a Level-2 QueryCompletionInformation row', () => {
  const qciRow = [2, 'Error', 'LimitsExceeded', 'QueryError', JSON.stringify({ Count: 1, Text: limitsText })];
  const primary = dataTable(1, [col('n', 'long')], [[1]]);

  it('is shown once, with the readable text', () => {
    const frames = [
      dataSetHeader(), primary, dataTable(2, QCI_COLUMNS, [qciRow], 'QueryCompletionInformation', 'QueryCompletionInformation'),
      dataSetCompletion([oneApiError('LimitsExceeded', limitsText)]),
    ];
    const result = decodeV2Frames(toV2Text(frames));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.partial?.message).toBe(limitsText);
    expect(result.partial?.oneApiErrors).toHaveLength(1);
  });

  it("when the row is the only report, shows its Payload's Text (not the JSON)", () => {
    const frames = [dataSetHeader(), primary, dataTable(2, QCI_COLUMNS, [qciRow], 'QueryCompletionInformation', 'QueryCompletionInformation'), dataSetCompletion()];
    const result = decodeV2Frames(toV2Text(frames));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.partial?.message).toBe(limitsText);
    expect(result.dataSet.primaryResults[0]?.rowCount).toBe(1);
  });
});
