"""pyvgc's bundled `re`: Python's regular-expression API over the `regex` crate.

Written for pyvgc after CPython 3.11's documented behaviour. Patterns are translated from
Python syntax natively (`_pyvgc_re`), with CPython's error messages; constructs a finite
automaton cannot run (backreferences, look-around, conditionals, atomic groups, possessive
quantifiers) raise NotImplementedError naming the construct. str patterns only. Flags are plain
ints here (CPython's are RegexFlag enum members, so `print(re.I)` differs).
"""

import _pyvgc_re as _core

__all__ = ['match', 'fullmatch', 'search', 'sub', 'subn', 'split', 'findall', 'finditer',
           'compile', 'purge', 'template', 'escape', 'error', 'Pattern', 'Match', 'A', 'I', 'L',
           'M', 'S', 'X', 'U', 'ASCII', 'IGNORECASE', 'LOCALE', 'MULTILINE', 'DOTALL', 'VERBOSE',
           'UNICODE', 'NOFLAG', 'RegexFlag']

NOFLAG = 0
ASCII = A = 256
IGNORECASE = I = 2
LOCALE = L = 4
UNICODE = U = 32
MULTILINE = M = 8
DOTALL = S = 16
VERBOSE = X = 64
DEBUG = 128
TEMPLATE = T = 1
RegexFlag = int

_FLAG_NAMES = [(ASCII, 'ASCII'), (IGNORECASE, 'IGNORECASE'), (LOCALE, 'LOCALE'),
               (MULTILINE, 'MULTILINE'), (DOTALL, 'DOTALL'), (VERBOSE, 'VERBOSE'), (DEBUG, 'DEBUG')]


class error(Exception):
    """Exception raised for invalid regular expressions."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        self.lineno = None
        self.colno = None
        Exception.__init__(self, msg)


error.__module__ = 're'
PatternError = error


def _raise(result, pattern):
    kind, message = result
    if kind == 'error':
        raise error(message, pattern)
    if kind == 'unsupported':
        raise NotImplementedError(message)
    if kind == 'IndexError':
        raise IndexError(message)
    if kind == 'OverflowError':
        raise OverflowError(message)
    raise ValueError(message)


class Match:
    """The result of a successful match."""

    def __init__(self, pattern, string, spans, pos, endpos):
        self.re = pattern
        self.string = string
        self._spans = spans
        self.pos = pos
        self.endpos = endpos
        last = None
        best_end = -1
        for g in range(1, pattern.groups + 1):
            s, e = spans[2 * g], spans[2 * g + 1]
            if s >= 0 and e >= best_end:
                # lastindex is the group that closed last: the one ending last, outermost first.
                if e > best_end or last is None or s <= spans[2 * last]:
                    last = g
                    best_end = e
        self.lastindex = last
        self.lastgroup = None
        if last is not None:
            for name, index in pattern.groupindex.items():
                if index == last:
                    self.lastgroup = name

    def _index(self, g):
        if isinstance(g, int) and not isinstance(g, bool):
            if 0 <= g <= self.re.groups:
                return g
        elif isinstance(g, str):
            index = self.re.groupindex.get(g)
            if index is not None:
                return index
        raise IndexError('no such group')

    def group(self, *args):
        if not args:
            args = (0,)
        if len(args) == 1:
            return self._get(self._index(args[0]), None)
        return tuple(self._get(self._index(g), None) for g in args)

    def _get(self, i, default):
        s, e = self._spans[2 * i], self._spans[2 * i + 1]
        if s < 0:
            return default
        return self.string[s:e]

    def __getitem__(self, g):
        return self._get(self._index(g), None)

    def groups(self, default=None):
        return tuple(self._get(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(index, default) for name, index in self.re.groupindex.items()}

    def start(self, group=0):
        return self._spans[2 * self._index(group)]

    def end(self, group=0):
        return self._spans[2 * self._index(group) + 1]

    def span(self, group=0):
        i = self._index(group)
        return (self._spans[2 * i], self._spans[2 * i + 1])

    @property
    def regs(self):
        return tuple((self._spans[2 * i], self._spans[2 * i + 1]) for i in range(self.re.groups + 1))

    def expand(self, template):
        return self.re._expand(self, template)

    def __bool__(self):
        return True

    def __repr__(self):
        return '<re.Match object; span=%r, match=%r>' % (self.span(), self.group())


class Pattern:
    """Compiled regular expression object."""

    def __init__(self, pattern, flags):
        result = _core.compile(pattern, flags)
        if len(result) == 2:
            _raise(result, pattern)
        self._handle, self.groups, self.groupindex, self.flags = result
        self.pattern = pattern
        self._templates = {}

    def __repr__(self):
        flags = self.flags & ~UNICODE
        text = 're.compile(%s' % (repr(self.pattern)[:200],)
        if flags:
            names = [name for bit, name in _FLAG_NAMES if flags & bit]
            rest = flags & ~sum(bit for bit, _ in _FLAG_NAMES)
            parts = ['re.' + n for n in names]
            if rest:
                parts.append(hex(rest))
            text += ', ' + '|'.join(parts)
        return text + ')'

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _run(self, string, pos, endpos, mode, must_advance=False):
        if not isinstance(string, str):
            raise TypeError("expected string or bytes-like object, got '%s'" % type(string).__name__)
        n = len(string)
        if pos < 0:
            pos = 0
        if endpos is None or endpos > n:
            endpos = n
        spans = _core.search(self._handle, string, pos, endpos, mode, must_advance)
        if spans is None:
            return None
        return Match(self, string, spans, pos, endpos)

    def search(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 0)

    def match(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 1)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 2)

    def finditer(self, string, pos=0, endpos=None):
        if not isinstance(string, str):
            raise TypeError("expected string or bytes-like object, got '%s'" % type(string).__name__)
        n = len(string)
        if endpos is None or endpos > n:
            endpos = n
        must_advance = False
        while pos <= endpos:
            m = self._run(string, pos, endpos, 0, must_advance)
            if m is None:
                return
            yield m
            s, e = m.span()
            must_advance = s == e
            pos = e

    def findall(self, string, pos=0, endpos=None):
        out = []
        for m in self.finditer(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group())
            elif self.groups == 1:
                out.append(m._get(1, ''))
            else:
                out.append(m.groups(''))
        return out

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        count = 0
        for m in self.finditer(string):
            if maxsplit and count >= maxsplit:
                break
            s, e = m.span()
            out.append(string[last:s])
            out.extend(m.groups())
            last = e
            count += 1
        out.append(string[last:])
        return out

    def _template(self, repl):
        pieces = self._templates.get(repl)
        if pieces is None:
            pieces = _core.template(self._handle, repl)
            if isinstance(pieces, tuple):
                _raise(pieces, repl)
            self._templates[repl] = pieces
        return pieces

    def _expand(self, m, template):
        out = []
        for piece in self._template(template):
            if isinstance(piece, str):
                out.append(piece)
            else:
                out.append(m._get(piece, ''))
        return ''.join(out)

    def subn(self, repl, string, count=0):
        if callable(repl):
            filter_fn = repl
        else:
            if not isinstance(repl, str):
                raise TypeError('expected str instance, %s found' % type(repl).__name__)
            pieces = self._template(repl)
            if len(pieces) == 1 and isinstance(pieces[0], str):
                literal = pieces[0]

                def filter_fn(m):
                    return literal
            elif not pieces:
                def filter_fn(m):
                    return ''
            else:
                def filter_fn(m):
                    return ''.join(p if isinstance(p, str) else m._get(p, '') for p in pieces)
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            s, e = m.span()
            out.append(string[last:s])
            piece = filter_fn(m)
            if piece:
                out.append(piece)
            last = e
            n += 1
        out.append(string[last:])
        return ''.join(out), n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=None):
        raise NotImplementedError('Pattern.scanner is not supported by pyvgc')

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


_cache = {}
_MAXCACHE = 512


def compile(pattern, flags=0):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError('cannot process flags argument with a compiled pattern')
        return pattern
    if not isinstance(pattern, str):
        raise TypeError('first argument must be string or compiled pattern')
    key = (pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) >= _MAXCACHE:
            del _cache[next(iter(_cache))]
        _cache[key] = p
    return p


def purge():
    _cache.clear()


def template(pattern, flags=0):
    return compile(pattern, flags | TEMPLATE)


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


_special_chars = frozenset('()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c')


def escape(pattern):
    if isinstance(pattern, str):
        return ''.join('\\' + c if c in _special_chars else c for c in pattern)
    return bytes(escape(pattern.decode('latin-1')), 'latin-1')
