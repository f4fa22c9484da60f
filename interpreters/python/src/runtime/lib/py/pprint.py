"""pprint for pyvgc: pprint, pformat, pp, saferepr, isreadable, isrecursive, PrettyPrinter.

Written for pyvgc after CPython 3.11's documented and observable behaviour: an object whose repr
fits in the remaining width is printed as its repr; otherwise dicts, lists, tuples, sets,
frozensets, strings, bytes, bytearrays, OrderedDict, defaultdict, Counter, deque, dataclasses
and SimpleNamespace are broken over lines the way CPython breaks them (indent, width, depth,
compact, sort_dicts, underscore_numbers). Dict keys and set items are sorted when they can be
compared. Left out: mappingproxy and the UserDict/UserList/UserString expansions (they print as
their repr), and CPython's private `_dispatch` table.
"""

import sys as _sys

__all__ = ['pprint', 'pformat', 'isreadable', 'isrecursive', 'saferepr', 'PrettyPrinter', 'pp']


def pprint(object, stream=None, indent=1, width=80, depth=None, *, compact=False,
           sort_dicts=True, underscore_numbers=False):
    PrettyPrinter(stream=stream, indent=indent, width=width, depth=depth, compact=compact,
                  sort_dicts=sort_dicts, underscore_numbers=underscore_numbers).pprint(object)


def pformat(object, indent=1, width=80, depth=None, *, compact=False, sort_dicts=True,
            underscore_numbers=False):
    return PrettyPrinter(indent=indent, width=width, depth=depth, compact=compact,
                         sort_dicts=sort_dicts,
                         underscore_numbers=underscore_numbers).pformat(object)


def pp(object, *args, sort_dicts=False, **kwargs):
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)


def saferepr(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[0]


def isreadable(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[1]


def isrecursive(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[2]


class _SafeKey:
    """Orders values that may not be comparable: by value when possible, else by type name and
    id (as CPython does)."""

    __slots__ = ('obj',)

    def __init__(self, obj):
        self.obj = obj

    def __lt__(self, other):
        try:
            return self.obj < other.obj
        except TypeError:
            return (str(type(self.obj)), id(self.obj)) < (str(type(other.obj)), id(other.obj))


def _pair_key(kv):
    return _SafeKey(kv[0]), _SafeKey(kv[1])


def _recursion(obj):
    return '<Recursion on %s with id=%s>' % (type(obj).__name__, id(obj))


class _Writer:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def getvalue(self):
        return ''.join(self.parts)


def _repr_owner(cls, candidates):
    """The class in `candidates` whose repr `cls` uses, or None when a class before it in the MRO
    defines its own __repr__."""
    for c in cls.__mro__:
        if c in candidates:
            return c
        if '__repr__' in c.__dict__:
            return None
    return None


def _collections():
    c = _sys.modules.get('collections')
    if c is None:
        return {}
    return {c.OrderedDict: 'odict', c.defaultdict: 'ddict', c.Counter: 'counter',
            c.deque: 'deque'}


def _is_generated_dataclass(obj):
    cls = type(obj)
    if isinstance(obj, type) or not hasattr(cls, '__dataclass_fields__'):
        return False
    for c in cls.__mro__:
        r = c.__dict__.get('__repr__')
        if r is not None:
            return getattr(r, '_pyvgc_dataclass_repr', False)
    return False


class PrettyPrinter:
    def __init__(self, indent=1, width=80, depth=None, stream=None, *, compact=False,
                 sort_dicts=True, underscore_numbers=False):
        indent = int(indent)
        width = int(width)
        if indent < 0:
            raise ValueError('indent must be >= 0')
        if depth is not None and depth <= 0:
            raise ValueError('depth must be > 0')
        if not width:
            raise ValueError('width must be != 0')
        self._depth = depth
        self._indent_per_level = indent
        self._width = width
        self._stream = stream
        self._compact = bool(compact)
        self._sort_dicts = sort_dicts
        self._underscore_numbers = underscore_numbers

    def pprint(self, object):
        stream = self._stream if self._stream is not None else _sys.stdout
        if stream is None:
            return
        w = _Writer()
        self._format(object, w, 0, 0, {}, 0)
        stream.write(w.getvalue() + '\n')

    def pformat(self, object):
        w = _Writer()
        self._format(object, w, 0, 0, {}, 0)
        return w.getvalue()

    def isrecursive(self, object):
        return self.format(object, {}, 0, 0)[2]

    def isreadable(self, object):
        s, readable, recursive = self.format(object, {}, 0, 0)
        return readable and not recursive

    def format(self, object, context, maxlevels, level):
        return self._safe_repr(object, context, maxlevels, level)

    # Layout ----------------------------------------------------------------------------------

    def _format(self, obj, stream, indent, allowance, context, level):
        oid = id(obj)
        if oid in context:
            stream.write(_recursion(obj))
            self._recursive = True
            self._readable = False
            return
        rep = self._repr(obj, context, level)
        if len(rep) > self._width - indent - allowance:
            layout = self._layout_for(obj)
            if layout is not None:
                context[oid] = 1
                layout(obj, stream, indent, allowance, context, level + 1)
                del context[oid]
                return
        stream.write(rep)

    def _layout_for(self, obj):
        cls = type(obj)
        builtin = {dict: self._lay_dict, list: self._lay_list, tuple: self._lay_tuple,
                   set: self._lay_set, frozenset: self._lay_set, str: self._lay_str,
                   bytes: self._lay_bytes, bytearray: self._lay_bytearray}
        extra = _collections()
        names = {'odict': self._lay_odict, 'ddict': self._lay_ddict,
                 'counter': self._lay_counter, 'deque': self._lay_deque}
        candidates = dict(builtin)
        for k, v in extra.items():
            candidates[k] = names[v]
        types_mod = _sys.modules.get('types')
        if types_mod is not None:
            candidates[types_mod.SimpleNamespace] = self._lay_namespace
        owner = _repr_owner(cls, candidates)
        if owner is not None:
            return candidates[owner]
        if _is_generated_dataclass(obj):
            return self._lay_dataclass
        return None

    def _repr(self, obj, context, level):
        rep, readable, recursive = self.format(obj, context.copy(), self._depth, level)
        if not readable:
            self._readable = False
        if recursive:
            self._recursive = True
        return rep

    def _lay_dict(self, obj, stream, indent, allowance, context, level):
        stream.write('{')
        if self._indent_per_level > 1:
            stream.write((self._indent_per_level - 1) * ' ')
        if len(obj):
            items = sorted(obj.items(), key=_pair_key) if self._sort_dicts else list(obj.items())
            self._dict_items(items, stream, indent, allowance + 1, context, level)
        stream.write('}')

    def _lay_odict(self, obj, stream, indent, allowance, context, level):
        if not len(obj):
            stream.write(repr(obj))
            return
        name = type(obj).__name__
        stream.write(name + '(')
        self._format(list(obj.items()), stream, indent + len(name) + 1, allowance + 1, context,
                     level)
        stream.write(')')

    def _lay_ddict(self, obj, stream, indent, allowance, context, level):
        if not len(obj):
            stream.write(repr(obj))
            return
        factory = self._repr(obj.default_factory, context, level)
        name = type(obj).__name__
        indent += len(name) + 1
        stream.write('%s(%s,\n%s' % (name, factory, ' ' * indent))
        self._lay_dict(obj, stream, indent, allowance + 1, context, level)
        stream.write(')')

    def _lay_counter(self, obj, stream, indent, allowance, context, level):
        if not len(obj):
            stream.write(repr(obj))
            return
        name = type(obj).__name__
        stream.write(name + '({')
        if self._indent_per_level > 1:
            stream.write((self._indent_per_level - 1) * ' ')
        self._dict_items(obj.most_common(), stream, indent + len(name) + 1, allowance + 2,
                         context, level)
        stream.write('})')

    def _lay_deque(self, obj, stream, indent, allowance, context, level):
        if not len(obj):
            stream.write(repr(obj))
            return
        name = type(obj).__name__
        stream.write(name + '(')
        indent += len(name) + 1
        stream.write('[')
        if obj.maxlen is None:
            self._items(obj, stream, indent, allowance + 2, context, level)
            stream.write('])')
        else:
            self._items(obj, stream, indent, 2, context, level)
            stream.write('],\n%smaxlen=%s)' % (' ' * indent,
                                               self._repr(obj.maxlen, context, level)))

    def _lay_list(self, obj, stream, indent, allowance, context, level):
        stream.write('[')
        self._items(obj, stream, indent, allowance + 1, context, level)
        stream.write(']')

    def _lay_tuple(self, obj, stream, indent, allowance, context, level):
        stream.write('(')
        end = ',)' if len(obj) == 1 else ')'
        self._items(obj, stream, indent, allowance + len(end), context, level)
        stream.write(end)

    def _lay_set(self, obj, stream, indent, allowance, context, level):
        if not len(obj):
            stream.write(repr(obj))
            return
        cls = type(obj)
        if cls is set:
            stream.write('{')
            end = '}'
        else:
            stream.write(cls.__name__ + '({')
            end = '})'
            indent += len(cls.__name__) + 1
        items = sorted(obj, key=_SafeKey)
        self._items(items, stream, indent, allowance + len(end), context, level)
        stream.write(end)

    def _lay_str(self, obj, stream, indent, allowance, context, level):
        if not len(obj):
            stream.write(repr(obj))
            return
        import re
        if level == 1:
            indent += 1
            allowance += 1
        width = self._width - indent
        chunks = []
        lines = obj.splitlines(True)
        rep = ''
        for i, line in enumerate(lines):
            rep = repr(line)
            last_line = i == len(lines) - 1
            limit = width - allowance if last_line else width
            if len(rep) <= limit:
                chunks.append(rep)
                continue
            # Split the line into words with their trailing whitespace and pack them greedily.
            words = re.findall(r'\S*\s*', line)[:-1]
            current = ''
            for j, word in enumerate(words):
                candidate = current + word
                wlimit = width - allowance if (last_line and j == len(words) - 1) else width
                if len(repr(candidate)) > wlimit:
                    if current:
                        chunks.append(repr(current))
                    current = word
                else:
                    current = candidate
            if current:
                chunks.append(repr(current))
        if len(chunks) == 1:
            stream.write(rep)
            return
        if level == 1:
            stream.write('(')
        stream.write(('\n' + ' ' * indent).join(chunks))
        if level == 1:
            stream.write(')')

    def _lay_bytes(self, obj, stream, indent, allowance, context, level):
        if len(obj) <= 4:
            stream.write(repr(obj))
            return
        top = level == 1
        if top:
            indent += 1
            allowance += 1
            stream.write('(')
        width = self._width - indent
        pieces = []
        current = b''
        last = len(obj) // 4 * 4
        for i in range(0, len(obj), 4):
            part = obj[i:i + 4]
            candidate = current + part
            if i == last:
                width -= allowance
            if len(repr(candidate)) > width:
                if current:
                    pieces.append(repr(current))
                current = part
            else:
                current = candidate
        if current:
            pieces.append(repr(current))
        stream.write(('\n' + ' ' * indent).join(pieces))
        if top:
            stream.write(')')

    def _lay_bytearray(self, obj, stream, indent, allowance, context, level):
        stream.write('bytearray(')
        self._lay_bytes(bytes(obj), stream, indent + 10, allowance + 1, context, level + 1)
        stream.write(')')

    def _lay_namespace(self, obj, stream, indent, allowance, context, level):
        types_mod = _sys.modules['types']
        name = 'namespace' if type(obj) is types_mod.SimpleNamespace else type(obj).__name__
        indent += len(name) + 1
        stream.write(name + '(')
        self._named_items(list(obj.__dict__.items()), stream, indent, allowance, context, level)
        stream.write(')')

    def _lay_dataclass(self, obj, stream, indent, allowance, context, level):
        import dataclasses
        name = type(obj).__name__
        indent += len(name) + 1
        items = [(f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.repr]
        stream.write(name + '(')
        self._named_items(items, stream, indent, allowance, context, level)
        stream.write(')')

    def _dict_items(self, items, stream, indent, allowance, context, level):
        indent += self._indent_per_level
        sep = ',\n' + ' ' * indent
        n = len(items)
        for i, (key, value) in enumerate(items):
            last = i == n - 1
            rep = self._repr(key, context, level)
            stream.write(rep)
            stream.write(': ')
            self._format(value, stream, indent + len(rep) + 2, allowance if last else 1,
                         context, level)
            if not last:
                stream.write(sep)

    def _named_items(self, items, stream, indent, allowance, context, level):
        sep = ',\n' + ' ' * indent
        n = len(items)
        for i, (key, value) in enumerate(items):
            last = i == n - 1
            stream.write(key)
            stream.write('=')
            if id(value) in context:
                stream.write('...')
            else:
                self._format(value, stream, indent + len(key) + 1, allowance if last else 1,
                             context, level)
            if not last:
                stream.write(sep)

    def _items(self, items, stream, indent, allowance, context, level):
        indent += self._indent_per_level
        if self._indent_per_level > 1:
            stream.write((self._indent_per_level - 1) * ' ')
        sep_nl = ',\n' + ' ' * indent
        sep = ''
        width = max_width = self._width - indent + 1
        items = list(items)
        n = len(items)
        for i, item in enumerate(items):
            last = i == n - 1
            if last:
                max_width -= allowance
                width -= allowance
            if self._compact:
                rep = self._repr(item, context, level)
                need = len(rep) + 2
                if width < need:
                    width = max_width
                    if sep:
                        sep = sep_nl
                if width >= need:
                    width -= need
                    stream.write(sep)
                    sep = ', '
                    stream.write(rep)
                    continue
            stream.write(sep)
            sep = sep_nl
            self._format(item, stream, indent, allowance if last else 1, context, level)

    # One-line representation -----------------------------------------------------------------

    def _safe_repr(self, obj, context, maxlevels, level):
        cls = type(obj)
        if cls in (str, bytes, bytearray, float, bool, type(None)):
            return repr(obj), True, False
        if isinstance(obj, int) and _repr_owner(cls, (int,)) is int:
            if self._underscore_numbers:
                return format(obj, '_d'), True, False
            return repr(obj), True, False
        if isinstance(obj, dict) and _repr_owner(cls, (dict,)) is dict:
            if not obj:
                return '{}', True, False
            oid = id(obj)
            if maxlevels and level >= maxlevels:
                return '{...}', False, oid in context
            if oid in context:
                return _recursion(obj), False, True
            context[oid] = 1
            readable = True
            recursive = False
            parts = []
            level += 1
            items = sorted(obj.items(), key=_pair_key) if self._sort_dicts else obj.items()
            for k, v in items:
                krepr, kreadable, krec = self.format(k, context, maxlevels, level)
                vrepr, vreadable, vrec = self.format(v, context, maxlevels, level)
                parts.append('%s: %s' % (krepr, vrepr))
                readable = readable and kreadable and vreadable
                if krec or vrec:
                    recursive = True
            del context[oid]
            return '{%s}' % ', '.join(parts), readable, recursive
        is_list = isinstance(obj, list) and _repr_owner(cls, (list,)) is list
        is_tuple = isinstance(obj, tuple) and _repr_owner(cls, (tuple,)) is tuple
        if is_list or is_tuple:
            if is_list:
                if not obj:
                    return '[]', True, False
                shape = '[%s]'
            elif len(obj) == 1:
                shape = '(%s,)'
            else:
                if not obj:
                    return '()', True, False
                shape = '(%s)'
            oid = id(obj)
            if maxlevels and level >= maxlevels:
                return shape % '...', False, oid in context
            if oid in context:
                return _recursion(obj), False, True
            context[oid] = 1
            readable = True
            recursive = False
            parts = []
            level += 1
            for item in obj:
                orepr, oreadable, orec = self.format(item, context, maxlevels, level)
                parts.append(orepr)
                if not oreadable:
                    readable = False
                if orec:
                    recursive = True
            del context[oid]
            return shape % ', '.join(parts), readable, recursive
        rep = repr(obj)
        return rep, bool(rep and not rep.startswith('<')), False
