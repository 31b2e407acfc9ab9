/**
 * Golden tests of the string, regex and encoding functions: each query and its answer is an
 * example of the function's page in the Kusto docs (learn.microsoft.com/kusto/query/<name>-function),
 * or, where noted, computed in JS (Web Crypto, encodeURIComponent).
 */
import { describe, expect, it } from 'vitest';
import { engineError, engineUnderTest, runOne } from './testing/host';

const engine = engineUnderTest();
const row = async (csl: string) => (await runOne(engine, csl)).rows[0];

describe('regex functions', () => {
  it('extract_all() gives one group as strings, several as arrays, picked by number or name', async () => {
    expect(await row('print extract_all(@"(\\d+)", "a set of numbers: 123, 567 and 789")')).toEqual([['123', '567', '789']]);
    const id = 'print Id="82b8be2d-dfa7-4bd1-8f63-24ad26d31449" | extend guid_bytes = ';
    expect((await row(`${id}extract_all(@"([\\da-f]{2})", Id)`))?.[1]).toEqual(['82', 'b8', 'be', '2d', 'df', 'a7', '4b', 'd1', '8f', '63', '24', 'ad', '26', 'd3', '14', '49']);
    const all = [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']];
    expect((await row(`${id}extract_all(@"(\\w)(\\w+)(\\w)", Id)`))?.[1]).toEqual(all);
    expect((await row(`${id}extract_all(@"(\\w)(\\w+)(\\w)", dynamic([1,3]), Id)`))?.[1]).toEqual(all.map((m) => [m[0], m[2]]));
    expect((await row(`${id}extract_all(@"(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)", dynamic(['first',2,'last']), Id)`))?.[1]).toEqual(all);
    expect(await row('print extract_all(@"(\\d+)", "no digits")')).toEqual([null]);
  });

  it('extract_all() reads a let-bound regex and refuses one without capture groups', async () => {
    expect(await row('let re = @"x=(\\d)"; print extract_all(re, "x=1 x=2")')).toEqual([['1', '2']]);
    const e = await engineError(engine, 'print extract_all(@"\\d", "1 2")');
    expect(e.message).toContain("'extract_all'");
  });

  it('extract() converts to the typeof() type, "" or null without a match', async () => {
    expect(await row('print extract("x=([0-9.]+)", 1, "hello x=45.6|wo", typeof(real)), extract("x=([0-9.]+)", 1, "hello x=45.6|wo"), extract("(\\\\d+)", 1, "abc"), extract("(\\\\d+)", 1, "abc", typeof(long))')).toEqual([
      45.6,
      '45.6',
      '',
      null,
    ]);
  });

  it('replace_regex() rewrites every match with \\1 groups', async () => {
    const t = await runOne(engine, "range x from 1 to 5 step 1 | extend str=strcat('Number is ', tostring(x)) | extend replaced=replace_regex(str, @'is (\\d+)', @'was: \\1')");
    expect(t.rows.map((r) => r[2])).toEqual([1, 2, 3, 4, 5].map((x) => `Number was: ${x}`));
  });

  it('trim_start(), trim_end() and trim() remove leading/trailing matches of a literal or let-bound regex', async () => {
    expect(await row('let string_to_trim = @"https://bing.com"; let substring = "https://"; print trimmed_string = trim_start(substring,string_to_trim)')).toEqual(['bing.com']);
    const t = await runOne(engine, 'range x from 1 to 5 step 1 | project str = strcat("-  ","Te st",x,@"// $") | extend trimmed_str = trim_start(@"[^\\w]+",str)');
    expect(t.rows.map((r) => r[1])).toEqual([1, 2, 3, 4, 5].map((x) => `Te st${x}// $`));
    expect(await row('let s = @"    Hello, world!    "; print trim_start(@"\\s+", s), trim_end(@"\\s+", s), trim(@"\\s+", s)')).toEqual(['Hello, world!    ', '    Hello, world!', 'Hello, world!']);
    expect(await row('print trim_end("bc", "abcbcbc"), trim("--", "--a--")')).toEqual(['a', 'a']);
  });

  it('countof() overlaps plain matches and not regex matches', async () => {
    expect(await row('print countof("aaa", "a"), countof("aaaa", "aa"), countof("ababa", "ab", "normal"), countof("ababa", "aba"), countof("ababa", "aba", "regex"), countof("abcabc", "a.c", "regex")')).toEqual([
      3n, 3n, 2n, 2n, 1n, 2n,
    ]);
  });
});

describe('string functions', () => {
  it('indexof() with start, length and occurrence answers as the docs', async () => {
    const q =
      'print idx1 = indexof("abcdefg","cde"), idx2 = indexof("abcdefg","cde",1,4), idx3 = indexof("abcdefg","cde",1,2), idx4 = indexof("abcdefg","cde",3,4), idx5 = indexof("abcdefg","cde",-5), idx6 = indexof(1234567,5,1,4), idx7 = indexof("abcdefg","cde",2,-1), idx8 = indexof("abcdefgabcdefg", "cde", 1, 10, 2), idx9 = indexof("abcdefgabcdefg", "cde", 1, -1, 3)';
    expect(await row(q)).toEqual([2n, 2n, -1n, -1n, 2n, 4n, 2n, 9n, -1n]);
    expect(await row('print indexof("abc", "c", -10), indexof("abc", "c", 0, -2), indexof("abc", "c", 0, -1, -1)')).toEqual([null, null, null]);
  });

  it('split() with and without an index', async () => {
    expect(await row('print split("aa_bb", "_"), split("aaa_bbb_ccc", "_", 1), split("", "_"), split("a__b", "_"), split("aabbcc", "bb"), split("a_b", "_", 5)')).toEqual([
      ['aa', 'bb'],
      ['bbb'],
      [''],
      ['a', '', 'b'],
      ['aa', 'cc'],
      [],
    ]);
  });

  it('strcat_array(), strcat_delim(), strrep(), strcmp()', async () => {
    expect(await row(`print strcat_array(dynamic([1, 2, 3]), "->"), strcat_array(dynamic([1, 2, 3]), '"')`)).toEqual(['1->2->3', '1"2"3']);
    expect(await row("print strcat_delim('-', 1, '2', 'A', 1s), strcat_delim(':', 'a', 'b')")).toEqual(['1-2-A-00:00:01', 'a:b']);
    expect(await row('print strrep("ABC", 2), strrep(123, 3, "|"), strcmp("abc", "abd"), strcmp("b", "a"), strcmp("a", "a")')).toEqual(['ABCABC', '123|123|123', -1n, 1n, 0n]);
  });

  it('strlen() counts code points; substring() takes a negative start from the end', async () => {
    expect(await row('print strlen("hello"), strlen("⒦⒰⒮⒯⒪"), strlen("C\u0327edilla")')).toEqual([5n, 5n, 8n]);
    expect(await row('print substring("123456", 1), substring("123456", 2, 2), substring("ABCD", 0, 2), substring("123456", -2, 2), substring("abc", 5)')).toEqual(['23456', '34', 'AB', '56', '']);
  });

  it('reverse() forcibly casts its input to a string', async () => {
    const q = "print ['int'] = 12345, ['double'] = 123.45, ['datetime'] = datetime(2017-10-15 12:00), ['timespan'] = 3h | project rint = reverse(['int']), rdouble = reverse(['double']), rdatetime = reverse(['datetime']), rtimespan = reverse(['timespan'])";
    expect(await row(q)).toEqual(['54321', '54.321', 'Z0000000.00:00:21T51-01-7102', '00:00:30']);
    expect(await row('print str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" | extend rstr = reverse(str) | project rstr')).toEqual(['ZYXWVUTSRQPONMLKJIHGFEDCBA']);
  });

  it('translate() maps characters past the replacement list to its last one', async () => {
    expect(await row('print translate("abc", "x", "abc"), translate("abc", "", "ab"), translate("krasp", "otsku", "spark")')).toEqual(['xxx', '', 'kusto']);
  });

  it('toupper(), tolower() and replace_string()', async () => {
    expect(await row('print toupper("hello"), tolower("HeLLo"), replace_string("A magic trick can turn a cat into a dog", "cat", "hamster")')).toEqual([
      'HELLO',
      'hello',
      'A magic trick can turn a hamster into a dog',
    ]);
  });
});

describe('encoding and hash functions', () => {
  it('url_encode() is HttpUtility.UrlEncode (lower-case escapes, + for space); url_encode_component() writes %20', async () => {
    expect(await row("let url = @'https://www.bing.com/hello world'; print url_encode(url), url_encode_component(url)")).toEqual([
      'https%3a%2f%2fwww.bing.com%2fhello+world',
      'https%3a%2f%2fwww.bing.com%2fhello%20world',
    ]);
    // JS: encodeURIComponent with lower-case escapes and '~' escaped, as .NET does.
    const text = 'é~a';
    const expected = encodeURIComponent(text).replace('~', '%7E').toLowerCase();
    expect(await row(`print url_encode("${text}")`)).toEqual([expected]);
  });

  it('url_decode() decodes escapes and +', async () => {
    expect(await row("let url = @'https%3a%2f%2fwww.bing.com%2f'; print url_decode(url), url_decode('a+b%2B%C3%A9')")).toEqual(['https://www.bing.com/', 'a b+é']);
  });

  it('base64 to and from strings, arrays and GUIDs (.NET byte order)', async () => {
    expect(await row('print base64_decode_toarray("S3VzdG8="), base64_decode_tostring("S3VzdG8="), base64_encode_tostring("Kusto"), base64_encode_fromarray(dynamic([75, 117, 115, 116, 111]))')).toEqual([
      [75, 117, 115, 116, 111],
      'Kusto',
      'S3VzdG8=',
      'S3VzdG8=',
    ]);
    expect(await row('print base64_decode_tostring("U3RyaW5n0KHR0tGA0L7Rh9C60LA=")')).toEqual(['']);
    expect(await row('print base64_encode_fromguid(toguid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb")), base64_decode_toguid("8jMxriJurkmwahbmqbIS6w==")')).toEqual([
      '8jMxriJurkmwahbmqbIS6w==',
      'ae3133f2-6e22-49ae-b06a-16e6a9b212eb',
    ]);
  });

  it('hash_md5/sha1/sha256 hash the value as tostring() writes it', async () => {
    expect(await row('print hash_md5("World"), hash_md5(datetime(2020-01-01))')).toEqual(['f5a7924e621e84c9280a9a27e1bcb7f6', '786c530672d1f8db31fee25ea8a9390b']);
    const hex = async (alg: string, s: string) => [...new Uint8Array(await crypto.subtle.digest(alg, new TextEncoder().encode(s)))].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(await row('print hash_sha1("World"), hash_sha256(42)')).toEqual([await hex('SHA-1', 'World'), await hex('SHA-256', '42')]);
  });
});

describe('decimals', () => {
  it('todecimal() of a string is exact and decimals print without trailing zeros', async () => {
    expect(await row('print todecimal("123.45678") == decimal(123.45678), todecimal("123.45678"), decimal(1.50), todecimal(3), todecimal("x")')).toEqual([true, '123.45678', '1.5', '3', null]);
  });
});
