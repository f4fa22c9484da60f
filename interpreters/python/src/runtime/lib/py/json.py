"""pyvgc's bundled `json`: dumps/dump/loads/load, JSONEncoder, JSONDecoder, JSONDecodeError.

Written for pyvgc after CPython 3.11's documented behaviour. The decoder follows the C
accelerator's scanner rule for rule (the same messages at the same positions, e.g. "Expecting
value: line 1 column 1 (char 0)"); the encoder produces the same text as CPython's for indent,
separators, sort_keys, ensure_ascii, allow_nan, skipkeys and default. If the runtime provides a
native `_pyvgc_json` module its scanner is used for speed; the results are the same.
"""

__all__ = ['dump', 'dumps', 'load', 'loads', 'JSONDecoder', 'JSONDecodeError', 'JSONEncoder']

_INFINITY = float('inf')


class JSONDecodeError(ValueError):
    """Subclass of ValueError with the following additional properties:

    msg: The unformatted error message
    doc: The JSON document being parsed
    pos: The start index of doc where parsing failed
    lineno: The line corresponding to pos
    colno: The column corresponding to pos
    """

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'}


def _encode_str(s, ensure_ascii):
    out = ['"']
    for c in s:
        e = _ESCAPES.get(c)
        if e is not None:
            out.append(e)
            continue
        n = ord(c)
        if n < 0x20:
            out.append('\\u%04x' % n)
        elif not ensure_ascii or 0x20 <= n <= 0x7e:
            out.append(c)
        elif n > 0xffff:
            n -= 0x10000
            out.append('\\u%04x\\u%04x' % (0xd800 | (n >> 10), 0xdc00 | (n & 0x3ff)))
        else:
            out.append('\\u%04x' % n)
    out.append('"')
    return ''.join(out)


def _floatstr(o, allow_nan):
    if o != o:
        text = 'NaN'
    elif o == _INFINITY:
        text = 'Infinity'
    elif o == -_INFINITY:
        text = '-Infinity'
    else:
        return float.__repr__(o)
    if not allow_nan:
        raise ValueError('Out of range float values are not JSON compliant')
    return text


class JSONEncoder:
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
                 sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError('Object of type %s is not JSON serializable' % o.__class__.__name__)

    def encode(self, o):
        if isinstance(o, str):
            return _encode_str(o, self.ensure_ascii)
        return ''.join(self.iterencode(o))

    def iterencode(self, o, _one_shot=False):
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        markers = {} if self.check_circular else None
        chunks = []
        self._encode(o, chunks, markers, indent, 0)
        return iter(chunks)

    def _key(self, key):
        if isinstance(key, str):
            return key
        if isinstance(key, float):
            return _floatstr(key, self.allow_nan)
        if key is True:
            return 'true'
        if key is False:
            return 'false'
        if key is None:
            return 'null'
        if isinstance(key, int):
            return int.__repr__(key)
        if self.skipkeys:
            return None
        raise TypeError('keys must be str, int, float, bool or None, not %s' % key.__class__.__name__)

    def _encode(self, o, out, markers, indent, level):
        if isinstance(o, str):
            out.append(_encode_str(o, self.ensure_ascii))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append(int.__repr__(o))
        elif isinstance(o, float):
            out.append(_floatstr(o, self.allow_nan))
        elif isinstance(o, (list, tuple)):
            self._encode_list(o, out, markers, indent, level)
        elif isinstance(o, dict):
            self._encode_dict(o, out, markers, indent, level)
        else:
            if markers is not None:
                marker = id(o)
                if marker in markers:
                    raise ValueError('Circular reference detected')
                markers[marker] = o
            self._encode(self.default(o), out, markers, indent, level)
            if markers is not None:
                del markers[marker]

    def _enter(self, o, markers):
        if markers is not None:
            marker = id(o)
            if marker in markers:
                raise ValueError('Circular reference detected')
            markers[marker] = o
            return marker
        return None

    def _encode_list(self, lst, out, markers, indent, level):
        if not lst:
            out.append('[]')
            return
        marker = self._enter(lst, markers)
        out.append('[')
        if indent is not None:
            level += 1
            newline_indent = '\n' + indent * level
            separator = self.item_separator + newline_indent
            out.append(newline_indent)
        else:
            newline_indent = None
            separator = self.item_separator
        first = True
        for value in lst:
            if not first:
                out.append(separator)
            first = False
            self._encode(value, out, markers, indent, level)
        if newline_indent is not None:
            level -= 1
            out.append('\n' + indent * level)
        out.append(']')
        if marker is not None:
            del markers[marker]

    def _encode_dict(self, dct, out, markers, indent, level):
        if not dct:
            out.append('{}')
            return
        marker = self._enter(dct, markers)
        out.append('{')
        if indent is not None:
            level += 1
            newline_indent = '\n' + indent * level
            item_separator = self.item_separator + newline_indent
            out.append(newline_indent)
        else:
            newline_indent = None
            item_separator = self.item_separator
        items = sorted(dct.items()) if self.sort_keys else dct.items()
        first = True
        for key, value in items:
            key = self._key(key)
            if key is None:
                continue
            if not first:
                out.append(item_separator)
            first = False
            out.append(_encode_str(key, self.ensure_ascii))
            out.append(self.key_separator)
            self._encode(value, out, markers, indent, level)
        if newline_indent is not None:
            level -= 1
            out.append('\n' + indent * level)
        out.append('}')
        if marker is not None:
            del markers[marker]


class _StopScan(Exception):
    def __init__(self, pos):
        self.pos = pos


_WS = ' \t\n\r'
_BACKSLASH = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
_HEX = '0123456789abcdefABCDEF'


class JSONDecoder:
    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
                 strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or {'-Infinity': -_INFINITY, 'Infinity': _INFINITY,
                                                 'NaN': float('nan')}.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook
        self.memo = {}

    def decode(self, s):
        end = len(s)
        idx = 0
        while idx < end and s[idx] in _WS:
            idx += 1
        obj, end_idx = self.raw_decode(s, idx)
        while end_idx < len(s) and s[end_idx] in _WS:
            end_idx += 1
        if end_idx != len(s):
            raise JSONDecodeError('Extra data', s, end_idx)
        return obj

    def raw_decode(self, s, idx=0):
        try:
            return self._scan_once(s, idx)
        except _StopScan as err:
            raise JSONDecodeError('Expecting value', s, err.pos) from None
        finally:
            self.memo.clear()

    def _scan_once(self, s, idx):
        if idx >= len(s):
            raise _StopScan(idx)
        c = s[idx]
        if c == '"':
            return self._scanstring(s, idx + 1)
        if c == '{':
            return self._parse_object(s, idx + 1)
        if c == '[':
            return self._parse_array(s, idx + 1)
        if c == 'n' and s[idx:idx + 4] == 'null':
            return None, idx + 4
        if c == 't' and s[idx:idx + 4] == 'true':
            return True, idx + 4
        if c == 'f' and s[idx:idx + 5] == 'false':
            return False, idx + 5
        if c == 'N' and s[idx:idx + 3] == 'NaN':
            return self.parse_constant('NaN'), idx + 3
        if c == 'I' and s[idx:idx + 8] == 'Infinity':
            return self.parse_constant('Infinity'), idx + 8
        if c == '-' and s[idx:idx + 9] == '-Infinity':
            return self.parse_constant('-Infinity'), idx + 9
        return self._match_number(s, idx)

    def _match_number(self, s, start):
        n = len(s)
        i = start
        if i < n and s[i] == '-':
            i += 1
            if i >= n:
                raise _StopScan(start)
        if i < n and '1' <= s[i] <= '9':
            i += 1
            while i < n and '0' <= s[i] <= '9':
                i += 1
        elif i < n and s[i] == '0':
            i += 1
        else:
            raise _StopScan(start)
        is_float = False
        if i + 1 < n and s[i] == '.' and '0' <= s[i + 1] <= '9':
            is_float = True
            i += 2
            while i < n and '0' <= s[i] <= '9':
                i += 1
        if i < n and s[i] in 'eE':
            e_start = i
            i += 1
            if i < n and s[i] in '-+':
                i += 1
            while i < n and '0' <= s[i] <= '9':
                i += 1
            if '0' <= s[i - 1] <= '9':
                is_float = True
            else:
                i = e_start
        text = s[start:i]
        if is_float:
            return self.parse_float(text), i
        return self.parse_int(text), i

    def _scanstring(self, s, end):
        n = len(s)
        begin = end - 1
        chunks = []
        while True:
            nxt = end
            c = ''
            while nxt < n:
                c = s[nxt]
                if c == '"' or c == '\\':
                    break
                if self.strict and c <= '\x1f':
                    raise JSONDecodeError('Invalid control character at', s, nxt)
                nxt += 1
            if nxt >= n:
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            if nxt > end:
                chunks.append(s[end:nxt])
            if c == '"':
                return ''.join(chunks), nxt + 1
            nxt += 1
            if nxt == n:
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            esc = s[nxt]
            if esc != 'u':
                end = nxt + 1
                ch = _BACKSLASH.get(esc)
                if ch is None:
                    raise JSONDecodeError('Invalid \\escape', s, end - 2)
                chunks.append(ch)
                continue
            nxt += 1
            end = nxt + 4
            if end >= n:
                raise JSONDecodeError('Invalid \\uXXXX escape', s, nxt - 1)
            code = self._hex4(s, nxt, end - 5)
            if 0xd800 <= code <= 0xdbff and end + 6 < n and s[end] == '\\' and s[end + 1] == 'u':
                low = self._hex4(s, end + 2, end + 1)
                if 0xdc00 <= low <= 0xdfff:
                    code = 0x10000 + (((code - 0xd800) << 10) | (low - 0xdc00))
                    end += 6
            chunks.append(chr(code))

    def _hex4(self, s, at, err_pos):
        text = s[at:at + 4]
        if len(text) != 4 or any(ch not in _HEX for ch in text):
            raise JSONDecodeError('Invalid \\uXXXX escape', s, err_pos)
        return int(text, 16)

    def _skip(self, s, i):
        n = len(s)
        while i < n and s[i] in _WS:
            i += 1
        return i

    def _parse_object(self, s, start):
        pairs = []
        i = self._skip(s, start)
        n = len(s)
        if i >= n or s[i] != '}':
            while True:
                if i >= n or s[i] != '"':
                    raise JSONDecodeError('Expecting property name enclosed in double quotes', s, i)
                key, i = self._scanstring(s, i + 1)
                key = self.memo.setdefault(key, key)
                i = self._skip(s, i)
                if i >= n or s[i] != ':':
                    raise JSONDecodeError("Expecting ':' delimiter", s, i)
                i = self._skip(s, i + 1)
                value, i = self._scan_once(s, i)
                pairs.append((key, value))
                i = self._skip(s, i)
                if i < n and s[i] == '}':
                    break
                if i >= n or s[i] != ',':
                    raise JSONDecodeError("Expecting ',' delimiter", s, i)
                i = self._skip(s, i + 1)
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs), i + 1
        obj = dict(pairs)
        if self.object_hook is not None:
            obj = self.object_hook(obj)
        return obj, i + 1

    def _parse_array(self, s, start):
        values = []
        i = self._skip(s, start)
        n = len(s)
        if i >= n or s[i] != ']':
            while True:
                value, i = self._scan_once(s, i)
                values.append(value)
                i = self._skip(s, i)
                if i < n and s[i] == ']':
                    break
                if i >= n or s[i] != ',':
                    raise JSONDecodeError("Expecting ',' delimiter", s, i)
                i = self._skip(s, i + 1)
        return values, i + 1


_default_encoder = JSONEncoder()
_default_decoder = JSONDecoder()


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None,
          indent=None, separators=None, default=None, sort_keys=False, **kw):
    if (not skipkeys and ensure_ascii and check_circular and allow_nan and cls is None
            and indent is None and separators is None and default is None and not sort_keys
            and not kw):
        return _default_encoder.encode(obj)
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
               allow_nan=allow_nan, indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
          object_pairs_hook=None, **kw):
    if isinstance(s, (bytes, bytearray)):
        s = s.decode('utf-8')
    elif not isinstance(s, str):
        raise TypeError('the JSON object must be str, bytes or bytearray, not %s'
                        % s.__class__.__name__)
    if (cls is None and object_hook is None and parse_int is None and parse_float is None
            and parse_constant is None and object_pairs_hook is None and not kw):
        return _default_decoder.decode(s)
    if cls is None:
        cls = JSONDecoder
    if object_hook is not None:
        kw['object_hook'] = object_hook
    if object_pairs_hook is not None:
        kw['object_pairs_hook'] = object_pairs_hook
    if parse_float is not None:
        kw['parse_float'] = parse_float
    if parse_int is not None:
        kw['parse_int'] = parse_int
    if parse_constant is not None:
        kw['parse_constant'] = parse_constant
    return cls(**kw).decode(s)


def load(fp, **kw):
    return loads(fp.read(), **kw)
