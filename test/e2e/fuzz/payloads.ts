/** Values hostile clients send, grouped by what they try to break. */

/** Wrong types for any field; `RAW:` values are written into the JSON text as they are. */
export const WRONG_TYPES: unknown[] = [
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  true,
  false,
  null,
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  { $ne: null },
  '',
  ' ',
  '0',
  'true',
  'null',
  'NaN',
  'Infinity',
  'RAW:123456789012345678901234567890',
  'RAW:-0',
  'RAW:1E400',
  'RAW:-1E400',
  'RAW:0.0000000000000000000000000001',
];

/** Text PostgreSQL cannot store (NUL, unpaired surrogates) and text that is merely unusual. */
export const UNICODE_EDGES: string[] = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  'x\uDFFFy',
  '\uDC00\uD800',
  '\uD83D\uDE00 paired emoji',
  '\uFEFFbyte order mark',
  'right-to-left \u202Eoverride',
  'zero\u200Bwidth\u200Djoiner',
  'line\u2028separator\u2029',
  'noncharacter \uFFFF \uFFFE',
  'e\u0301 combining',
  `Z${'\u0336\u0337\u0338'.repeat(60)}algo`,
  '\u0085 next line',
  '\u0007 bell \u001b[31m ansi',
  'ＦＵＬＬＷＩＤＴＨ',
  'İıßẞ case folding',
  '𝕏 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{1F9D1}\u200D\u{1F4BB}',
];

export const INJECTIONS: string[] = [
  "' OR '1'='1",
  "'; DROP TABLE events; --",
  '1; SELECT pg_sleep(10) --',
  '$$; DELETE FROM events; $$',
  "%' AND 1=1 --",
  '" OR ""="',
  "admin'--",
  '1 UNION SELECT secret FROM webhook_subscriptions',
  "\\'; TRUNCATE idempotency_records; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '"><svg/onload=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '<%= 7*7 %>',
  '../../../../etc/passwd',
  '..\\..\\windows\\system32',
  'a\r\nSet-Cookie: session=stolen',
  '%s%s%s%n%x',
  '*)(uid=*))(|(uid=*',
  '{"role":"admin"}',
  '__proto__',
];

/** Not JSON, or JSON the API must not take as a request body. */
export const MALFORMED_JSON: string[] = [
  '',
  '   ',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  '{"a":1} /* comment */',
  '{"a":NaN}',
  '{"a":undefined}',
  '{"a":1}{"b":2}',
  '{"a":"\u0001raw control"}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"a":[1,2',
  'null',
  '[]',
  '"a string"',
  '123',
  'true',
  'a=1&b=2',
  '<xml/>',
];

export const CONTENT_TYPES: string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json-patch+json',
  'application/javascript',
  'application/json; charset=utf-16',
  'application/jsonx',
  '*/*',
  '',
];

/** Replacements for an id in a path; some are well-formed (nil UUID, upper case) on purpose. */
export const BAD_PATH_IDS: string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ABCDEF01-2345-4678-89AB-CDEF01234567',
  '{id}',
  '%00',
  'a%00b',
  '..%2F..%2Fetc%2Fpasswd',
  "1'%20OR%20'1'%3D'1",
  '%ED%A0%80',
  '%F0%9F%98%80',
  '-1',
  '0x1',
  '1e3',
  'x'.repeat(2000),
  '%20',
  'null',
  'undefined',
  '__proto__',
];

export const IF_MATCH: string[] = [
  '"abc"',
  'W/"-1"',
  '"99999999999999999999"',
  '*',
  '"0", "1"',
  '""',
  '"1.5"',
  '"0"',
  'x'.repeat(4000),
];

export const IDEMPOTENCY_KEYS: string[] = [
  ' ',
  'k'.repeat(300),
  'key with spaces',
  '\t',
  'fuzz-key-1',
  'fuzz-key-2',
  '%00',
];

export const AUTHORIZATION: string[] = [
  'Bearer',
  'Bearer ',
  'Bearer x.y.z',
  'Basic YWRtaW46YWRtaW4=',
  `Bearer ${'a'.repeat(6000)}`,
  // alg "none", subject admin: a token that signs nothing.
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.',
  'Bearer eyJhbGciOiJIUzI1NiJ9.e30.AAAA',
];

export const CORRELATION_IDS: string[] = ['a b', 'x'.repeat(500), '<script>', "'; --", ''];
