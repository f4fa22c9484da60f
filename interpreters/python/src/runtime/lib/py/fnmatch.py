"""fnmatch for pyvgc: fnmatch, fnmatchcase, filter, translate (shell-style wildcards).

Written for pyvgc after CPython 3.11's documented behaviour: `*`, `?`, `[seq]`, `[!seq]`; on
POSIX fnmatch is case-sensitive like fnmatchcase. translate() returns a regular expression that
pyvgc's re accepts (it does not use CPython's atomic-group tricks, so its text differs from
CPython's translate(), while matching the same names).
"""

import os as _os
import re as _re

__all__ = ['filter', 'fnmatch', 'fnmatchcase', 'translate']

_cache = {}


def _compile(pat):
    r = _cache.get(pat)
    if r is None:
        if len(_cache) > 256:
            _cache.clear()
        r = _cache[pat] = _re.compile('(?s:%s)' % _body(pat))
    return r


def fnmatch(name, pat):
    name = _os.path.normcase(name)
    pat = _os.path.normcase(pat)
    return fnmatchcase(name, pat)


def fnmatchcase(name, pat):
    return _compile(pat).fullmatch(name) is not None


def filter(names, pat):
    pat = _os.path.normcase(pat)
    m = _compile(pat).fullmatch
    return [n for n in names if m(_os.path.normcase(n))]


def _body(pat):
    out = []
    i = 0
    n = len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == '*':
            if not out or out[-1] != '.*':
                out.append('.*')
        elif c == '?':
            out.append('.')
        elif c == '[':
            j = i
            if j < n and pat[j] == '!':
                j += 1
            if j < n and pat[j] == ']':
                j += 1
            while j < n and pat[j] != ']':
                j += 1
            if j >= n:
                out.append('\\[')
                continue
            stuff = pat[i:j]
            i = j + 1
            negate = stuff.startswith('!')
            if negate:
                stuff = stuff[1:]
            # Ranges (a-z) whose ends are reversed match nothing, as in CPython.
            parts = []
            k = 0
            while k < len(stuff):
                if k + 2 < len(stuff) and stuff[k + 1] == '-':
                    if stuff[k] <= stuff[k + 2]:
                        parts.append(_class_char(stuff[k]) + '-' + _class_char(stuff[k + 2]))
                    k += 3
                else:
                    parts.append(_class_char(stuff[k]))
                    k += 1
            if not parts:
                out.append('.' if negate else '[^\\s\\S]')
            else:
                out.append('[%s%s]' % ('^' if negate else '', ''.join(parts)))
        else:
            out.append(_re.escape(c))
    return ''.join(out)


def _class_char(ch):
    return '\\' + ch if ch in '\\^[]&~|-' else ch


def translate(pat):
    return '(?s:%s)\\Z' % _body(pat)
