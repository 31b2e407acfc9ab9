/**
 * URL, base64 and hash functions (Kusto docs "url_encode()", "url_encode_component()",
 * "url_decode()", "base64_*()", "hash_md5()", "hash_sha1()", "hash_sha256()").
 */
import type { KNode } from '../kusto-language';
import { arg, fn, type FunctionTable, type ScalarContext } from './library';
import { stringArg } from './text-args';

/**
 * .NET's HttpUtility.UrlEncode, which Kusto's url_encode() matches in the docs' example
 * (`https%3a%2f%2fwww.bing.com%2fhello+world`): letters, digits and `-_.!*()` stay, a space is
 * `+` (`%20` for url_encode_component), every other UTF-8 byte `%xx` in lower case.
 */
function urlEncode(space: string) {
  return (t: ScalarContext, a: KNode[], c: KNode): string =>
    `array_to_string(list_transform(string_split(${stringArg(t, arg(a, 0, c))}, ''), __c -> CASE WHEN regexp_full_match(__c, '[A-Za-z0-9_.!*()-]') THEN __c WHEN __c = ' ' THEN '${space}' ELSE lower(regexp_replace(hex(encode(__c)), '(..)', '%\\1', 'g')) END), '')`;
}

/** A 32-digit hex GUID in .NET's Guid.ToByteArray() order (first three fields little-endian), and back: the same swap. */
const dotNetGuidBytes = (hex: string): string =>
  `(${[7, 5, 3, 1, 11, 9, 15, 13].map((i) => `substr(${hex}, ${i}, 2)`).join(' || ')} || substr(${hex}, 17))`;

const bytesOf = (base64: string) => `TRY(from_base64(${base64}))`;

export const ENCODING_FUNCTIONS: FunctionTable = {
  url_encode: fn(1, 1, urlEncode('+')),
  url_encode_component: fn(1, 1, urlEncode('%20')),
  // HttpUtility.UrlDecode: '+' is a space; %xx bytes decode as UTF-8 (an invalid escape stays as it is).
  url_decode: fn(1, 1, (t, a, c) => `url_decode(replace(${stringArg(t, arg(a, 0, c))}, '+', ' '))`),
  base64_encode_tostring: fn(1, 1, (t, a, c) => `to_base64(encode(${stringArg(t, arg(a, 0, c))}))`),
  base64_encodestring: fn(1, 1, (t, a, c) => `to_base64(encode(${stringArg(t, arg(a, 0, c))}))`),
  // Not valid base64, or not valid UTF-8: null (docs "base64_decode_tostring()").
  base64_decode_tostring: fn(1, 1, (t, a, c) => `TRY(decode(${bytesOf(stringArg(t, arg(a, 0, c)))}))`),
  base64_decodestring: fn(1, 1, (t, a, c) => `TRY(decode(${bytesOf(stringArg(t, arg(a, 0, c)))}))`),
  base64_decode_toarray: fn(1, 1, (t, a, c) => {
    const hex = `hex(${bytesOf(stringArg(t, arg(a, 0, c)))})`;
    return `to_json(list_transform(range(0, length(${hex}) // 2), __i -> CAST(('0x' || substr(${hex}, 2 * __i + 1, 2)) AS BIGINT)))`;
  }),
  base64_encode_fromarray: fn(1, 1, (t, a, c) => {
    const bytes = `list_transform(json_extract(${t.translate(arg(a, 0, c))}, '$[*]'), __b -> lpad(to_hex(CAST(__b AS BIGINT) & 255), 2, '0'))`;
    return `to_base64(unhex(array_to_string(${bytes}, '')))`;
  }),
  base64_encode_fromguid: fn(1, 1, (t, a, c) => `to_base64(unhex(${dotNetGuidBytes(`replace(CAST(${t.translate(arg(a, 0, c))} AS VARCHAR), '-', '')`)}))`),
  base64_decode_toguid: fn(1, 1, (t, a, c) => {
    const hex = `hex(${bytesOf(stringArg(t, arg(a, 0, c)))})`;
    return `CASE WHEN length(${hex}) = 32 THEN CAST(${dotNetGuidBytes(hex)} AS UUID) END`;
  }),
  // Hashes of the value's text as tostring() writes it (hash_md5(datetime(2020-01-01)) in the docs is the MD5 of "2020-01-01T00:00:00.0000000Z").
  hash_md5: fn(1, 1, (t, a, c) => `md5(${stringArg(t, arg(a, 0, c))})`),
  hash_sha1: fn(1, 1, (t, a, c) => `sha1(${stringArg(t, arg(a, 0, c))})`),
  hash_sha256: fn(1, 1, (t, a, c) => `sha256(${stringArg(t, arg(a, 0, c))})`),
};
