"""pyvgc's bundled `collections`: namedtuple, deque, defaultdict, Counter, OrderedDict, ChainMap.

Written for pyvgc (not copied from CPython); behaviour, reprs and error messages follow
CPython 3.11. deque keeps its items in a list with a moving head, so both ends are amortised
O(1). OrderedDict relies on dicts keeping insertion order; move_to_end(last=False) rebuilds.
"""

from _pyvgc_args import bind as _bind

__all__ = ['ChainMap', 'Counter', 'OrderedDict', 'UserDict', 'UserList', 'UserString',
           'defaultdict', 'deque', 'namedtuple']

_KEYWORDS = frozenset([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
    'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global',
    'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return',
    'try', 'while', 'with', 'yield'])


################################################################################
### namedtuple
################################################################################

def _make_getter(index, doc):
    def getter(self):
        return self[index]
    return property(getter, doc=doc)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS
                    or name.startswith('_') or name in seen):
                field_names[index] = '_%d' % index
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid '
                             'identifiers: %r' % name)
        if name in _KEYWORDS:
            raise ValueError('Type names and field names cannot be a '
                             'keyword: %r' % name)
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: '
                             '%r' % name)
        if name in seen:
            raise ValueError('Encountered duplicate field name: %r' % name)
        seen.add(name)

    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        field_defaults = dict(zip(field_names[len(field_names) - len(defaults):], defaults))

    fields = tuple(field_names)
    num_fields = len(fields)
    qualname_new = typename + '.__new__'

    def __new__(_cls, *args, **kwargs):
        values = _bind(qualname_new, fields, field_defaults, args, kwargs)
        return tuple.__new__(_cls, [values[name] for name in fields])

    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError('Expected %d arguments, got %d' % (num_fields, len(result)))
        return result

    def _replace(self, **kwds):
        values = []
        for name in fields:
            if name in kwds:
                values.append(kwds.pop(name))
            else:
                values.append(getattr(self, name))
        if kwds:
            raise ValueError('Got unexpected field names: %r' % list(kwds))
        return self._make(values)

    def __repr__(self):
        return self.__class__.__name__ + '(' + ', '.join(
            '%s=%r' % (name, value) for name, value in zip(fields, self)) + ')'

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        '__doc__': '%s(%s)' % (typename, ', '.join(fields)),
        '__slots__': (),
        '_fields': fields,
        '_field_defaults': field_defaults,
        '__new__': __new__,
        '_make': classmethod(_make),
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__match_args__': fields,
    }
    for index, name in enumerate(fields):
        namespace[name] = _make_getter(index, 'Alias for field number %d' % index)
    result = type(typename, (tuple,), namespace)
    if module is None:
        module = '__main__'
        try:
            import sys
            module = sys._getframe(1).f_globals.get('__name__', '__main__')
        except (AttributeError, ValueError, ImportError):
            pass
    result.__module__ = module
    return result


################################################################################
### deque
################################################################################

class deque:
    """deque([iterable[, maxlen]]) --> deque object"""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._data = []
        self._head = 0
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def __len__(self):
        return len(self._data) - self._head

    def __bool__(self):
        return len(self._data) > self._head

    def _compact(self):
        if self._head > 32 and self._head * 2 > len(self._data):
            del self._data[:self._head]
            self._head = 0

    def append(self, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            if self._maxlen == 0:
                return
            self.popleft()
        self._data.append(x)

    def appendleft(self, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            if self._maxlen == 0:
                return
            self.pop()
        if self._head == 0:
            grow = max(8, len(self._data))
            self._data[0:0] = [None] * grow
            self._head = grow
        self._head -= 1
        self._data[self._head] = x

    def pop(self):
        if len(self._data) <= self._head:
            raise IndexError('pop from an empty deque')
        x = self._data.pop()
        if len(self._data) == self._head:
            self._data = []
            self._head = 0
        return x

    def popleft(self):
        if len(self._data) <= self._head:
            raise IndexError('pop from an empty deque')
        x = self._data[self._head]
        self._data[self._head] = None
        self._head += 1
        if len(self._data) == self._head:
            self._data = []
            self._head = 0
        else:
            self._compact()
        return x

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._data = []
        self._head = 0

    def copy(self):
        return self.__class__(self, self._maxlen)

    __copy__ = copy

    def count(self, x):
        n = 0
        for item in self:
            if item is x or item == x:
                n += 1
        return n

    def index(self, x, start=0, stop=None):
        items = list(self)
        if stop is None:
            stop = len(items)
        for i in range(len(items))[start:stop]:
            if items[i] is x or items[i] == x:
                return i
        raise ValueError('%r is not in deque' % (x,))

    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        items = list(self)
        items.insert(i, x)
        self._data = items
        self._head = 0

    def remove(self, value):
        for i in range(self._head, len(self._data)):
            item = self._data[i]
            if item is value or item == value:
                del self._data[i]
                return
        raise ValueError('%r is not in deque' % (value,))

    def reverse(self):
        items = list(self)
        items.reverse()
        self._data = items
        self._head = 0

    def rotate(self, n=1):
        length = len(self)
        if length <= 1:
            return
        n = n % length
        if n == 0:
            return
        items = list(self)
        self._data = items[-n:] + items[:-n]
        self._head = 0

    def __iter__(self):
        data = self._data
        i = self._head
        expected = len(data) - i
        while i < len(data):
            if len(data) - self._head != expected or data is not self._data:
                raise RuntimeError('deque mutated during iteration')
            yield data[i]
            i += 1

    def __reversed__(self):
        data = self._data
        i = len(data) - 1
        while i >= self._head:
            yield data[i]
            i -= 1

    def _index(self, i):
        n = len(self)
        if not isinstance(i, int):
            raise TypeError('sequence index must be integer, not %r' % type(i).__name__)
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError('deque index out of range')
        return self._head + i

    def __getitem__(self, i):
        return self._data[self._index(i)]

    def __setitem__(self, i, x):
        self._data[self._index(i)] = x

    def __delitem__(self, i):
        del self._data[self._index(i)]

    def __contains__(self, x):
        for item in self:
            if item is x or item == x:
                return True
        return False

    def __repr__(self):
        if self._maxlen is None:
            return 'deque(%r)' % (list(self),)
        return 'deque(%r, maxlen=%d)' % (list(self), self._maxlen)

    def _cmp_items(self, other):
        if not isinstance(other, deque):
            return None
        return list(self), list(other)

    def __eq__(self, other):
        pair = self._cmp_items(other)
        return NotImplemented if pair is None else pair[0] == pair[1]

    def __ne__(self, other):
        pair = self._cmp_items(other)
        return NotImplemented if pair is None else pair[0] != pair[1]

    def __lt__(self, other):
        pair = self._cmp_items(other)
        return NotImplemented if pair is None else pair[0] < pair[1]

    def __le__(self, other):
        pair = self._cmp_items(other)
        return NotImplemented if pair is None else pair[0] <= pair[1]

    def __gt__(self, other):
        pair = self._cmp_items(other)
        return NotImplemented if pair is None else pair[0] > pair[1]

    def __ge__(self, other):
        pair = self._cmp_items(other)
        return NotImplemented if pair is None else pair[0] >= pair[1]

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque' % type(other).__name__)
        result = self.copy()
        result.extend(other)
        return result

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        result = self.__class__((), self._maxlen)
        items = list(self)
        for _ in range(n):
            result.extend(items)
        return result

    __rmul__ = __mul__

    def __imul__(self, n):
        items = list(self)
        self.clear()
        for _ in range(n):
            self.extend(items)
        return self


################################################################################
### defaultdict
################################################################################

# The dict subclasses are defined only where the runtime can subclass dict, so that
# namedtuple, deque and the rest stay importable on a runtime that cannot.
try:
    class defaultdict(dict):
        """defaultdict(default_factory=None, /, [...]) --> dict with default factory"""

        def __init__(self, default_factory=None, *args, **kwargs):
            if default_factory is not None and not callable(default_factory):
                raise TypeError('first argument must be callable or None')
            dict.__init__(self, *args, **kwargs)
            self.default_factory = default_factory

        def __missing__(self, key):
            if self.default_factory is None:
                raise KeyError(key)
            value = self.default_factory()
            self[key] = value
            return value

        def __repr__(self):
            items = ', '.join('%r: %r' % (k, v) for k, v in dict.items(self))
            return '%s(%r, {%s})' % (type(self).__name__, self.default_factory, items)

        def copy(self):
            return type(self)(self.default_factory, self)

        __copy__ = copy

        def __or__(self, other):
            if not isinstance(other, dict):
                return NotImplemented
            result = self.copy()
            result.update(other)
            return result

        def __ror__(self, other):
            if not isinstance(other, dict):
                return NotImplemented
            result = type(self)(self.default_factory, other)
            result.update(self)
            return result


    ################################################################################
    ### OrderedDict
    ################################################################################

    class OrderedDict(dict):
        """Dictionary that remembers insertion order"""

        def popitem(self, last=True):
            if not self:
                raise KeyError('dictionary is empty')
            if last:
                key = next(reversed(self))
            else:
                key = next(iter(self))
            value = dict.pop(self, key)
            return key, value

        def move_to_end(self, key, last=True):
            value = dict.pop(self, key)
            if last:
                dict.__setitem__(self, key, value)
                return
            rest = list(dict.items(self))
            dict.clear(self)
            dict.__setitem__(self, key, value)
            for k, v in rest:
                dict.__setitem__(self, k, v)

        def __repr__(self):
            if not self:
                return '%s()' % (self.__class__.__name__,)
            return '%s(%r)' % (self.__class__.__name__, list(self.items()))

        def __eq__(self, other):
            if isinstance(other, OrderedDict):
                return dict.__eq__(self, other) and list(self) == list(other)
            return dict.__eq__(self, other)

        def __ne__(self, other):
            result = self.__eq__(other)
            if result is NotImplemented:
                return result
            return not result

        __hash__ = None

        def copy(self):
            return self.__class__(self)

        __copy__ = copy

        @classmethod
        def fromkeys(cls, iterable, value=None):
            self = cls()
            for key in iterable:
                self[key] = value
            return self

        def __or__(self, other):
            if not isinstance(other, dict):
                return NotImplemented
            result = self.__class__(self)
            result.update(other)
            return result

        def __ror__(self, other):
            if not isinstance(other, dict):
                return NotImplemented
            result = self.__class__(other)
            result.update(self)
            return result


    ################################################################################
    ### Counter
    ################################################################################

    class Counter(dict):
        """Dict subclass for counting hashable items."""

        def __init__(self, iterable=None, /, **kwds):
            dict.__init__(self)
            self.update(iterable, **kwds)

        def __missing__(self, key):
            return 0

        def total(self):
            return sum(self.values())

        def most_common(self, n=None):
            items = sorted(self.items(), key=lambda kv: kv[1], reverse=True)
            if n is None:
                return items
            return items[:max(n, 0)]

        def elements(self):
            for elem, count in self.items():
                for _ in range(count):
                    yield elem

        @classmethod
        def fromkeys(cls, iterable, v=None):
            raise NotImplementedError(
                'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

        def update(self, iterable=None, /, **kwds):
            if iterable is not None:
                if isinstance(iterable, dict) or hasattr(iterable, 'items'):
                    if self:
                        for elem, count in iterable.items():
                            self[elem] = count + self.get(elem, 0)
                    else:
                        for elem, count in iterable.items():
                            self[elem] = count
                else:
                    for elem in iterable:
                        self[elem] = self.get(elem, 0) + 1
            if kwds:
                self.update(kwds)

        def subtract(self, iterable=None, /, **kwds):
            if iterable is not None:
                if isinstance(iterable, dict) or hasattr(iterable, 'items'):
                    for elem, count in iterable.items():
                        self[elem] = self.get(elem, 0) - count
                else:
                    for elem in iterable:
                        self[elem] = self.get(elem, 0) - 1
            if kwds:
                self.subtract(kwds)

        def copy(self):
            return self.__class__(self)

        __copy__ = copy

        def __delitem__(self, elem):
            if elem in self:
                dict.__delitem__(self, elem)

        def __repr__(self):
            if not self:
                return '%s()' % self.__class__.__name__
            try:
                d = dict(self.most_common())
            except TypeError:
                d = dict(self)
            return '%s(%r)' % (self.__class__.__name__, d)

        def __eq__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            return all(self[e] == other[e] for c in (self, other) for e in c)

        def __ne__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            return not self == other

        def __le__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            return all(self[e] <= other[e] for c in (self, other) for e in c)

        def __lt__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            return self <= other and self != other

        def __ge__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            return all(self[e] >= other[e] for c in (self, other) for e in c)

        def __gt__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            return self >= other and self != other

        __hash__ = None

        def __add__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self.items():
                newcount = count + other[elem]
                if newcount > 0:
                    result[elem] = newcount
            for elem, count in other.items():
                if elem not in self and count > 0:
                    result[elem] = count
            return result

        def __sub__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self.items():
                newcount = count - other[elem]
                if newcount > 0:
                    result[elem] = newcount
            for elem, count in other.items():
                if elem not in self and count < 0:
                    result[elem] = 0 - count
            return result

        def __or__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self.items():
                other_count = other[elem]
                newcount = other_count if count < other_count else count
                if newcount > 0:
                    result[elem] = newcount
            for elem, count in other.items():
                if elem not in self and count > 0:
                    result[elem] = count
            return result

        def __and__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self.items():
                other_count = other[elem]
                newcount = count if count < other_count else other_count
                if newcount > 0:
                    result[elem] = newcount
            return result

        def __pos__(self):
            result = Counter()
            for elem, count in self.items():
                if count > 0:
                    result[elem] = count
            return result

        def __neg__(self):
            result = Counter()
            for elem, count in self.items():
                if count < 0:
                    result[elem] = 0 - count
            return result

        def _keep_positive(self):
            for elem in [elem for elem, count in self.items() if not count > 0]:
                dict.__delitem__(self, elem)
            return self

        def __iadd__(self, other):
            for elem, count in other.items():
                self[elem] += count
            return self._keep_positive()

        def __isub__(self, other):
            for elem, count in other.items():
                self[elem] -= count
            return self._keep_positive()

        def __ior__(self, other):
            for elem, other_count in other.items():
                count = self[elem]
                if other_count > count:
                    self[elem] = other_count
            return self._keep_positive()

        def __iand__(self, other):
            for elem, count in list(self.items()):
                other_count = other[elem]
                if other_count < count:
                    self[elem] = other_count
            return self._keep_positive()
except NotImplementedError:
    def _needs_dict_subclassing(name):
        def unavailable(*args, **kwargs):
            raise NotImplementedError('collections.%s needs dict subclassing, which this pyvgc '
                                      'runtime does not support yet' % name)
        unavailable.__name__ = name
        return unavailable

    defaultdict = _needs_dict_subclassing('defaultdict')
    OrderedDict = _needs_dict_subclassing('OrderedDict')
    Counter = _needs_dict_subclassing('Counter')


################################################################################
### ChainMap
################################################################################

class ChainMap:
    """A ChainMap groups multiple dicts (or other mappings) together to create a single,
    updateable view."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                d[key] = None
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        return '%s(%s)' % (self.__class__.__name__, ', '.join(map(repr, self.maps)))

    def keys(self):
        return list(self)

    def items(self):
        return [(k, self[k]) for k in self]

    def values(self):
        return [self[k] for k in self]

    def copy(self):
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError('Key not found in the first mapping: %r' % (key,))

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError('Key not found in the first mapping: %r' % (key,))

    def clear(self):
        self.maps[0].clear()


################################################################################
### UserDict, UserList, UserString (the common methods)
################################################################################

class UserDict:
    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, '__missing__'):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    def __eq__(self, other):
        if isinstance(other, UserDict):
            other = other.data
        return self.data == other

    def keys(self):
        return self.data.keys()

    def items(self):
        return self.data.items()

    def values(self):
        return self.data.values()

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return default

    def update(self, other=(), /, **kwargs):
        if hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwargs.items():
            self[key] = value

    def pop(self, key, *default):
        return self.data.pop(key, *default)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def copy(self):
        result = self.__class__()
        result.data = self.data.copy()
        return result


class UserList:
    def __init__(self, initlist=None):
        self.data = []
        if initlist is not None:
            self.data[:] = list(initlist)

    def __repr__(self):
        return repr(self.data)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        return self.data[i]

    def __setitem__(self, i, item):
        self.data[i] = item

    def __delitem__(self, i):
        del self.data[i]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, item):
        return item in self.data

    def __eq__(self, other):
        return self.data == (other.data if isinstance(other, UserList) else other)

    def __add__(self, other):
        if isinstance(other, UserList):
            return self.__class__(self.data + other.data)
        return self.__class__(self.data + list(other))

    def append(self, item):
        self.data.append(item)

    def insert(self, i, item):
        self.data.insert(i, item)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, item):
        self.data.remove(item)

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def count(self, item):
        return self.data.count(item)

    def index(self, item, *args):
        return self.data.index(item, *args)

    def reverse(self):
        self.data.reverse()

    def sort(self, /, *args, **kwds):
        self.data.sort(*args, **kwds)

    def extend(self, other):
        if isinstance(other, UserList):
            self.data.extend(other.data)
        else:
            self.data.extend(other)


class UserString:
    def __init__(self, seq):
        if isinstance(seq, str):
            self.data = seq
        elif isinstance(seq, UserString):
            self.data = seq.data[:]
        else:
            self.data = str(seq)

    def __str__(self):
        return str(self.data)

    def __repr__(self):
        return repr(self.data)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.__class__(self.data[index])

    def __eq__(self, string):
        if isinstance(string, UserString):
            return self.data == string.data
        return self.data == string

    def __hash__(self):
        return hash(self.data)

    def __add__(self, other):
        if isinstance(other, UserString):
            return self.__class__(self.data + other.data)
        return self.__class__(self.data + str(other))

    def __contains__(self, char):
        if isinstance(char, UserString):
            char = char.data
        return char in self.data

    def __iter__(self):
        return iter(self.data)

    def upper(self):
        return self.__class__(self.data.upper())

    def lower(self):
        return self.__class__(self.data.lower())
