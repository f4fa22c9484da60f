"""shlex for pyvgc: split, quote and join (POSIX shell rules).

Written for pyvgc after CPython 3.11's documented behaviour of shlex.split (POSIX mode:
whitespace separates words, single quotes are literal, double quotes allow backslash escapes of
'"' and '\\', a backslash outside quotes escapes the next character, adjacent quoted parts join
one word, `comments=True` drops '#' to the end of the line) with CPython's ValueError messages,
quote() and join(). Left out: the shlex class (lexer objects, non-POSIX mode, punctuation_chars).
"""

import re as _re

__all__ = ['split', 'quote', 'join']

_WHITESPACE = ' \t\r\n'


def split(s, comments=False, posix=True):
    if s is None:
        raise ValueError('s argument must not be None')
    if not posix:
        raise NotImplementedError('pyvgc: shlex.split(posix=False) is not supported')
    words = []
    word = []
    in_word = False
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in _WHITESPACE:
            if in_word:
                words.append(''.join(word))
                word = []
                in_word = False
            i += 1
        elif comments and c == '#':
            if in_word:
                words.append(''.join(word))
                word = []
                in_word = False
            j = s.find('\n', i)
            i = n if j < 0 else j + 1
        elif c == "'":
            in_word = True
            j = s.find("'", i + 1)
            if j < 0:
                raise ValueError('No closing quotation')
            word.append(s[i + 1:j])
            i = j + 1
        elif c == '"':
            in_word = True
            i += 1
            while True:
                if i >= n:
                    raise ValueError('No closing quotation')
                c = s[i]
                if c == '"':
                    i += 1
                    break
                if c == '\\':
                    if i + 1 >= n:
                        raise ValueError('No closing quotation')
                    nxt = s[i + 1]
                    if nxt in '"\\':
                        word.append(nxt)
                    else:
                        word.append('\\' + nxt)
                    i += 2
                    continue
                word.append(c)
                i += 1
        elif c == '\\':
            in_word = True
            if i + 1 >= n:
                raise ValueError('No escaped character')
            word.append(s[i + 1])
            i += 2
        else:
            in_word = True
            word.append(c)
            i += 1
    if in_word:
        words.append(''.join(word))
    return words


_unsafe = _re.compile(r'[^\w@%+=:,./-]', _re.ASCII)


def quote(s):
    if not s:
        return "''"
    if _unsafe.search(s) is None:
        return s
    return "'" + s.replace("'", "'\"'\"'") + "'"


def join(split_command):
    return ' '.join(quote(arg) for arg in split_command)
