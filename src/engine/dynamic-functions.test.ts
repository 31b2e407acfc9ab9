/**
 * Golden tests of the dynamic (array and bag) functions and aggregates: each query and answer is
 * an example of the function's page in the Kusto docs (learn.microsoft.com/kusto/query/…), or
 * computed in JS over the generated StormEvents rows where noted.
 */
import { describe, expect, it } from 'vitest';
import { generateStormEvents } from './testing/storm-events';
import { engineUnderTest, runOne } from './testing/host';

const engine = engineUnderTest();
const row = async (csl: string) => (await runOne(engine, csl)).rows[0];
const storm = generateStormEvents();

describe('array functions', () => {
  it('array_slice() takes inclusive bounds, negative from the end, ignoring out-of-range ones', async () => {
    expect(await row('print arr=dynamic([1,2,3]) | extend sliced=array_slice(arr, 1, 2) | project sliced')).toEqual([[2, 3]]);
    expect(await row('print array_slice(dynamic([1,2,3,4,5]), 2, -1), array_slice(dynamic([1,2,3,4,5]), -3, -2), array_slice(dynamic([1,2,3]), 1, 10)')).toEqual([[3, 4, 5], [3, 4], [2, 3]]);
  });

  it('array_index_of() with start, length and occurrence', async () => {
    const q =
      'let arr=dynamic(["this", "is", "an", "example", "an", "example"]); print idx1 = array_index_of(arr,"an"), idx2 = array_index_of(arr,"example",1,3), idx3 = array_index_of(arr,"example",1,2), idx4 = array_index_of(arr,"is",2,4), idx5 = array_index_of(arr,"example",2,-1), idx6 = array_index_of(arr, "an", 1, -1, 2), idx7 = array_index_of(arr, "an", 1, -1, 3), idx8 = array_index_of(arr, "an", -3), idx9 = array_index_of(arr, "is", -4)';
    expect(await row(q)).toEqual([2n, 3n, -1n, -1n, 3n, 4n, -1n, 4n, -1n]);
  });

  it('array_sort_asc() sorts the first array and orders the others with it; nulls last unless told', async () => {
    const t = await runOne(engine, 'let array1 = dynamic([1,3,4,5,2]); let array2 = dynamic(["a","b","c","d","e"]); print array_sort_asc(array1,array2)');
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['array1_sorted', 'array2_sorted']);
    expect(t.rows).toEqual([[[1, 2, 3, 4, 5], ['a', 'e', 'b', 'c', 'd']]]);
    expect(await row('let Names = "John,Paul,George,Ringo"; print result = strcat_array(array_sort_asc(split(Names, ",")), ",")')).toEqual(['George,John,Paul,Ringo']);
    expect(await row('print array_sort_asc(dynamic([null,"blue","yellow","green",null])), array_sort_asc(dynamic([null,"blue","yellow","green",null]), false), array_sort_desc(dynamic([null,"blue","yellow","green",null]))')).toEqual([
      ['blue', 'green', 'yellow', null, null],
      [null, null, 'blue', 'green', 'yellow'],
      ['yellow', 'green', 'blue', null, null],
    ]);
  });

  it('array_sort_asc(a, b)[1] picks the second sorted array', async () => {
    const t = await runOne(
      engine,
      `datatable(command:string, command_time:datetime, user_id:string) ['chmod', datetime(2019-07-15), "user1", 'ls', datetime(2019-07-02), "user1", 'dir', datetime(2019-07-22), "user1", 'mkdir', datetime(2019-07-14), "user1", 'rm', datetime(2019-07-27), "user1", 'pwd', datetime(2019-07-25), "user1", 'rm', datetime(2019-07-23), "user2", 'pwd', datetime(2019-07-25), "user2"]
       | summarize timestamps = make_list(command_time), commands = make_list(command) by user_id
       | project user_id, commands_in_chronological_order = array_sort_asc(timestamps, commands)[1] | order by user_id asc`,
    );
    expect(t.rows).toEqual([
      ['user1', ['ls', 'mkdir', 'chmod', 'dir', 'pwd', 'rm']],
      ['user2', ['rm', 'pwd']],
    ]);
  });

  it('set_union(), set_intersect(), set_difference() keep distinct values in first-seen order', async () => {
    const t = await runOne(
      engine,
      'range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2 | extend w = z * 2 | extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(w) | project Out=set_union(a1, a2, a3), I = set_intersect(a1, a2), D = set_difference(a1, a2, a3)',
    );
    expect(t.rows).toEqual([
      [[1, 2, 4, 8], [1, 2], [4]],
      [[2, 4, 8, 16], [2, 4], [8]],
      [[3, 6, 12, 24], [3, 6], [12]],
    ]);
    expect(await row(`print set_union(dynamic(['A4', 'A2', 'A7', 'A2']), dynamic(['A4', 'A2', 'A7', 'A2'])), set_has_element(dynamic(["a", 1]), 1), set_has_element(dynamic(["a", 1]), "b")`)).toEqual([['A4', 'A2', 'A7'], true, false]);
  });

  it('array_shift_left/right and array_rotate_left/right', async () => {
    expect(await row('print arr=dynamic([1,2,3,4,5]) | project array_shift_left(arr, 2), array_shift_left(arr, 2, -1), array_shift_left(arr, -2, -1), array_shift_right(arr, 1), array_rotate_left(arr, 2), array_rotate_right(arr, 2), array_rotate_left(arr, -7)')).toEqual([
      [3, 4, 5, null, null],
      [3, 4, 5, -1, -1],
      [-1, -1, 1, 2, 3],
      [null, 1, 2, 3, 4],
      [3, 4, 5, 1, 2],
      [4, 5, 1, 2, 3],
      [4, 5, 1, 2, 3],
    ]);
  });

  it('array_split(), array_sum(), array_reverse(), array_concat(), zip(), repeat(), array_iff(), jaccard_index()', async () => {
    expect(await row('print arr=dynamic([1,2,3,4,5]) | project array_split(arr, 2), array_split(arr, dynamic([1,3])), array_sum(arr), array_reverse(arr), array_concat(arr, dynamic(["x"]))')).toEqual([
      [[1, 2], [3, 4, 5]],
      [[1], [2, 3], [4, 5]],
      15,
      [5, 4, 3, 2, 1],
      [1, 2, 3, 4, 5, 'x'],
    ]);
    expect(await row("print zip(dynamic([1,2,3]), dynamic(['a','b'])), repeat(7, 3), repeat('a', 0), array_iff(dynamic([true, false, true]), dynamic([1, 2, 3]), dynamic([4, 5, 6])), array_iff(dynamic([true, false, 5]), 1, 0), jaccard_index(dynamic([1, 2, 3]), dynamic([1, 2, 3, 4]))")).toEqual([
      [[1, 'a'], [2, 'b'], [3, null]],
      [7, 7, 7],
      [],
      [1, 5, 3],
      [1, 0, null],
      0.75,
    ]);
  });
});

describe('bag functions', () => {
  it('bag_merge() keeps the first value of a key; bag_has_key(), bag_set_key(), bag_zip(), bag_pack_columns()', async () => {
    expect(await row("print result = bag_merge(dynamic({ 'A1':12, 'B1':2, 'C1':3}), dynamic({ 'A2':81, 'B2':82, 'A1':1}))")).toEqual([{ A1: 12, B1: 2, C1: 3, A2: 81, B2: 82 }]);
    expect(await row("print bag_has_key(dynamic({'a': {'b': 1}}), 'a'), bag_has_key(dynamic({'a': {'b': 1}}), '$.a.b'), bag_has_key(dynamic({'a': 1}), 'b'), bag_set_key(dynamic({'a': 1, 'b': 2}), 'a', 5), bag_zip(dynamic(['a','b','c']), dynamic([1, '2']))")).toEqual([
      true,
      true,
      false,
      { a: 5, b: 2 },
      { a: 1, b: '2', c: null },
    ]);
    expect(await row("print x = 1, y = 'a' | project bag_pack_columns(x, y)")).toEqual([{ x: 1, y: 'a' }]);
  });

  it('parse_json() parses nested JSON text twice with tostring() between', async () => {
    const t = await runOne(
      engine,
      `datatable(context_custom_metrics:string) ['{"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}}'] | extend d = parse_json(context_custom_metrics) | project duration_value = d.duration.value, duration_min = d.duration.min`,
    );
    expect(t.rows).toEqual([[118, 100]]);
    expect(await row(`let d='{"a":123, "b":"{\\\\"c\\\\":456}"}'; print d_b_c=parse_json(tostring(parse_json(d).b)).c`)).toEqual([456]);
    expect(await row('print isempty(parse_json("")), parse_json("abc"), parse_json("[1, 2]")')).toEqual([true, 'abc', [1, 2]]);
  });
});

describe('dynamic aggregates', () => {
  it('make_bag() merges the bags of every row', async () => {
    expect(await row('datatable(b:dynamic)[dynamic({"a":1}), dynamic({"b":2}), dynamic(null)] | summarize make_bag(b)')).toEqual([{ a: 1, b: 2 }]);
    const kansas = storm.State.map((s, i) => (s === 'KANSAS' ? i : -1)).filter((i) => i >= 0);
    const keys = new Set(kansas.flatMap((i) => Object.keys(JSON.parse(storm.StormSummary[i] ?? '{}') as object)));
    const t = await runOne(engine, 'StormEvents | where State == "KANSAS" | summarize b = make_bag(StormSummary) | project k = bag_keys(b)');
    expect(new Set(t.rows[0]?.[0] as string[])).toEqual(keys);
  });

  it('take_any(*) takes every column but the by columns, all from one row', async () => {
    const t = await runOne(engine, 'StormEvents | summarize take_any(*) by State | where State == "OHIO" | project State, EventId, EpisodeId');
    const [state, eventId, episodeId] = t.rows[0] ?? [];
    const i = storm.EventId.indexOf(eventId as number);
    expect(state).toBe('OHIO');
    expect(storm.State[i]).toBe('OHIO');
    expect(storm.EpisodeId[i]).toBe(episodeId);
  });

  it('make_list_with_nulls() keeps nulls; take_anyif() picks a row where the predicate holds', async () => {
    expect(await row('datatable(x:long)[1, long(null), 3] | summarize make_list_with_nulls(x)')).toEqual([[1, null, 3]]);
    expect(await row('datatable(x:long, s:string)[1, "a", 2, "b", 3, "c"] | summarize take_anyif(s, x == 2)')).toEqual(['b']);
  });

  it('make_list_if() and make_set_if() keep the rows where the predicate holds', async () => {
    const t = await runOne(engine, 'range x from 1 to 6 step 1 | summarize make_list_if(x, x % 2 == 0), make_set_if(x % 3, x > 2)');
    expect(t.rows).toEqual([[[2, 4, 6], expect.arrayContaining([0, 1, 2])]]);
  });
});
