"""pyvgc's bundled `typing`: the names programs import, accepted at run time with CPython 3.11's
reprs, equality and isinstance rules for the common cases, and no static checking.

Written for pyvgc. Generic aliases (List[int], Optional[str], Callable[[int], str], ...) are
_GenericAlias objects that print as CPython prints them; subclassing Generic[T], Protocol and
NamedTuple relies on __mro_entries__ as in CPython. get_type_hints evaluates string annotations
in the owner's module globals. Not provided: typing's own runtime protocol checks beyond
runtime_checkable's attribute test, ParamSpec/TypeVarTuple semantics, and typing.io/re aliases.
"""

import collections as _collections
import collections.abc as _abc
import functools as _functools
import sys as _sys

TYPE_CHECKING = False

__all__ = ['Any', 'Callable', 'ClassVar', 'Final', 'ForwardRef', 'Generic', 'Literal', 'Optional',
           'Protocol', 'Tuple', 'Type', 'TypeVar', 'Union', 'AbstractSet', 'ByteString',
           'Container', 'Hashable', 'ItemsView', 'Iterable', 'Iterator', 'KeysView', 'Mapping',
           'MappingView', 'MutableMapping', 'MutableSequence', 'MutableSet', 'Sequence', 'Sized',
           'ValuesView', 'Awaitable', 'AsyncIterator', 'AsyncIterable', 'Coroutine', 'Collection',
           'AsyncGenerator', 'Reversible', 'SupportsAbs', 'SupportsBytes', 'SupportsComplex',
           'SupportsFloat', 'SupportsIndex', 'SupportsInt', 'SupportsRound', 'ChainMap', 'Counter',
           'Deque', 'Dict', 'DefaultDict', 'List', 'OrderedDict', 'Set', 'FrozenSet', 'NamedTuple',
           'TypedDict', 'Generator', 'AnyStr', 'cast', 'final', 'get_args', 'get_origin',
           'get_type_hints', 'NewType', 'no_type_check', 'overload', 'runtime_checkable', 'Text',
           'TYPE_CHECKING', 'NoReturn', 'Never', 'Self', 'LiteralString', 'TypeAlias',
           'Annotated', 'IO', 'TextIO', 'BinaryIO', 'Pattern', 'Match', 'ParamSpec',
           'Concatenate', 'TypeGuard', 'assert_never', 'assert_type', 'reveal_type', 'Required',
           'NotRequired', 'Unpack', 'TypeVarTuple', 'dataclass_transform']


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return '%s.%s' % (obj.__module__, obj.__qualname__)
    if obj is ...:
        return '...'
    if isinstance(obj, type(_type_repr)):
        return obj.__name__
    return repr(obj)


class _Final:
    """Mixin: instances are not subclassable."""

    def __init_subclass__(cls, /, *args, **kwds):
        if '_root' not in kwds:
            raise TypeError('Cannot subclass special typing classes')


class _SpecialForm:
    def __init__(self, name, getitem=None, doc=''):
        self._name = name
        self._getitem = getitem
        self.__doc__ = doc

    def __repr__(self):
        return 'typing.' + self._name

    def __reduce__(self):
        return self._name

    def __call__(self, *args, **kwds):
        raise TypeError('Cannot instantiate %r' % self)

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError('%r is not subscriptable' % self)
        return self._getitem(self, parameters)

    def __instancecheck__(self, obj):
        raise TypeError('%r cannot be used with isinstance()' % self)

    def __subclasscheck__(self, cls):
        raise TypeError('%r cannot be used with issubclass()' % self)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        raise TypeError('Cannot subclass %r' % self)


class _GenericAlias:
    """`Origin[args]`: prints like CPython, compares by origin and arguments, and instantiates
    the origin when called."""

    def __init__(self, origin, args, name=None, special=False):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self._special = special
        params = []
        for a in args:
            for p in _collect_parameters(a):
                if p not in params:
                    params.append(p)
        self.__parameters__ = tuple(params)

    def __repr__(self):
        name = self._name
        if name is None:
            base = _type_repr(self.__origin__)
        else:
            base = 'typing.' + name
        if self._special:
            return base
        if name == 'Callable' and len(self.__args__) == 2 and self.__args__[0] is not ...:
            params, result = self.__args__
            return '%s[[%s], %s]' % (base, ', '.join(_type_repr(a) for a in params), _type_repr(result))
        if not self.__args__:
            return base + '[()]'
        return '%s[%s]' % (base, ', '.join(_type_repr(a) for a in self.__args__))

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return (self.__origin__ == other.__origin__ and self.__args__ == other.__args__
                and self._special == other._special)

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if self._name is not None and self.__origin__ in (list, dict, set, frozenset, tuple) \
                and not self._special:
            raise TypeError('Type %s cannot be instantiated; use %s() instead'
                            % (self._name, self.__origin__.__name__))
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except (AttributeError, TypeError):
            pass
        return result

    def __getitem__(self, params):
        if self._special:
            if not isinstance(params, tuple):
                params = (params,)
            if self._name == 'Callable' and len(params) == 2 and isinstance(params[0], list):
                params = (tuple(params[0]), params[1])
            return _GenericAlias(self.__origin__, params, self._name)
        if not isinstance(params, tuple):
            params = (params,)
        mapping = dict(zip(self.__parameters__, params))
        new_args = tuple(_substitute(a, mapping) for a in self.__args__)
        return _GenericAlias(self.__origin__, new_args, self._name)

    def __mro_entries__(self, bases):
        origin = self.__origin__
        if isinstance(origin, type):
            return (origin,)
        return ()

    def __instancecheck__(self, obj):
        if self._special:
            return isinstance(obj, self.__origin__)
        raise TypeError('Subscripted generics cannot be used with class and instance checks')

    def __subclasscheck__(self, cls):
        if self._special:
            return issubclass(cls, self.__origin__)
        raise TypeError('Subscripted generics cannot be used with class and instance checks')

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


def _collect_parameters(arg):
    if isinstance(arg, TypeVar):
        return [arg]
    return list(getattr(arg, '__parameters__', ())) if isinstance(arg, _GenericAlias) else []


def _substitute(arg, mapping):
    if isinstance(arg, TypeVar):
        return mapping.get(arg, arg)
    if isinstance(arg, _GenericAlias) and arg.__parameters__:
        return arg[tuple(mapping.get(p, p) for p in arg.__parameters__)]
    return arg


class _UnionAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return 'typing.Optional[%s]' % _type_repr(other)
        return 'typing.Union[%s]' % ', '.join(_type_repr(a) for a in args)

    def __eq__(self, other):
        if not isinstance(other, _UnionAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __instancecheck__(self, obj):
        return any(isinstance(obj, a) for a in self.__args__ if isinstance(a, type))

    def __subclasscheck__(self, cls):
        return any(issubclass(cls, a) for a in self.__args__ if isinstance(a, type))


def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError('Cannot take a Union of no types.')
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    flat = []
    for p in parameters:
        p = type(None) if p is None else p
        if isinstance(p, _UnionAlias):
            items = p.__args__
        else:
            items = (p,)
        for item in items:
            if item not in flat:
                flat.append(item)
    if len(flat) == 1:
        return flat[0]
    return _UnionAlias(Union, tuple(flat), 'Union')


def _optional_getitem(self, parameter):
    return Union[parameter, type(None)]


def _literal_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    return _LiteralAlias(Literal, parameters, 'Literal')


class _LiteralAlias(_GenericAlias):
    def __repr__(self):
        return 'typing.Literal[%s]' % ', '.join(repr(a) for a in self.__args__)


def _single_getitem(self, parameters):
    return _GenericAlias(self, parameters, self._name)


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError('Annotated[...] should be used with at least two arguments '
                        '(a type and an annotation).')
    alias = _AnnotatedAlias(params[0], params[1:])
    return alias


class _AnnotatedAlias(_GenericAlias):
    def __init__(self, origin, metadata):
        super().__init__(origin, (origin,), None)
        self.__metadata__ = metadata

    def __repr__(self):
        return 'typing.Annotated[%s, %s]' % (_type_repr(self.__origin__),
                                            ', '.join(repr(a) for a in self.__metadata__))

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union', _union_getitem)
Optional = _SpecialForm('Optional', _optional_getitem)
Literal = _SpecialForm('Literal', _literal_getitem)
ClassVar = _SpecialForm('ClassVar', _single_getitem)
Final = _SpecialForm('Final', _single_getitem)
TypeGuard = _SpecialForm('TypeGuard', _single_getitem)
Required = _SpecialForm('Required', _single_getitem)
NotRequired = _SpecialForm('NotRequired', _single_getitem)
Unpack = _SpecialForm('Unpack', _single_getitem)
Concatenate = _SpecialForm('Concatenate', _single_getitem)
Annotated = _SpecialForm('Annotated', _annotated_getitem)


class TypeVar:
    """Type variable."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = tuple(constraints)
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpec(TypeVar):
    @property
    def args(self):
        return self

    @property
    def kwargs(self):
        return self

    def __repr__(self):
        return '~' + self.__name__


class TypeVarTuple(TypeVar):
    def __repr__(self):
        return self.__name__


AnyStr = TypeVar('AnyStr', bytes, str)


class Generic:
    """Abstract base class for generic types."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls in (Generic, Protocol):
            alias = _GenericAlias(cls, params)
            return alias
        return _GenericAlias(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        params = []
        for base in cls.__dict__.get('__orig_bases__', ()):
            for p in getattr(base, '__parameters__', ()):
                if p not in params:
                    params.append(p)
        if params:
            cls.__parameters__ = tuple(params)
        elif '__parameters__' not in cls.__dict__:
            cls.__parameters__ = ()


class Protocol(Generic):
    """Base class for protocol classes."""
    __slots__ = ()
    _is_protocol = True

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if not cls.__dict__.get('_is_protocol', False):
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)


def runtime_checkable(cls):
    attrs = [name for base in cls.__mro__[:-1] if base not in (Protocol, Generic, object)
             for name in base.__dict__ if not name.startswith('_')]

    class _Meta(type):
        pass

    def instancecheck(self, obj):
        return all(hasattr(obj, name) for name in attrs)
    cls.__protocol_attrs__ = attrs
    cls._pyvgc_instancecheck = instancecheck
    return cls


def _alias(origin, name):
    return _GenericAlias(origin, (), name, special=True)


List = _alias(list, 'List')
Dict = _alias(dict, 'Dict')
Set = _alias(set, 'Set')
FrozenSet = _alias(frozenset, 'FrozenSet')
Tuple = _alias(tuple, 'Tuple')
Type = _alias(type, 'Type')
Deque = _alias(_collections.deque, 'Deque')
DefaultDict = _alias(_collections.defaultdict, 'DefaultDict')
OrderedDict = _alias(_collections.OrderedDict, 'OrderedDict')
Counter = _alias(_collections.Counter, 'Counter')
ChainMap = _alias(_collections.ChainMap, 'ChainMap')
Callable = _alias(_abc.Callable, 'Callable')
Iterable = _alias(_abc.Iterable, 'Iterable')
Iterator = _alias(_abc.Iterator, 'Iterator')
Generator = _alias(_abc.Generator, 'Generator')
Reversible = _alias(_abc.Reversible, 'Reversible')
Container = _alias(_abc.Container, 'Container')
Collection = _alias(_abc.Collection, 'Collection')
Hashable = _alias(_abc.Hashable, 'Hashable')
Sized = _alias(_abc.Sized, 'Sized')
Sequence = _alias(_abc.Sequence, 'Sequence')
MutableSequence = _alias(_abc.MutableSequence, 'MutableSequence')
Mapping = _alias(_abc.Mapping, 'Mapping')
MutableMapping = _alias(_abc.MutableMapping, 'MutableMapping')
AbstractSet = _alias(_abc.Set, 'AbstractSet')
MutableSet = _alias(_abc.MutableSet, 'MutableSet')
MappingView = _alias(_abc.MappingView, 'MappingView')
KeysView = _alias(_abc.KeysView, 'KeysView')
ItemsView = _alias(_abc.ItemsView, 'ItemsView')
ValuesView = _alias(_abc.ValuesView, 'ValuesView')
Awaitable = _alias(_abc.Awaitable, 'Awaitable')
Coroutine = _alias(_abc.Coroutine, 'Coroutine')
AsyncIterable = _alias(_abc.AsyncIterable, 'AsyncIterable')
AsyncIterator = _alias(_abc.AsyncIterator, 'AsyncIterator')
AsyncGenerator = _alias(_abc.AsyncGenerator, 'AsyncGenerator')
ByteString = _alias(_abc.ByteString, 'ByteString')
Text = str


def _tuple_getitem_fix():
    # Tuple[int, ...] and Tuple[()] print as CPython prints them through the generic path.
    pass


class _SupportsBase(Protocol):
    pass


class SupportsInt(Protocol):
    pass


class SupportsFloat(Protocol):
    pass


class SupportsComplex(Protocol):
    pass


class SupportsBytes(Protocol):
    pass


class SupportsIndex(Protocol):
    pass


class SupportsAbs(Protocol):
    pass


class SupportsRound(Protocol):
    pass


class IO(Generic):
    pass


class TextIO(IO):
    pass


class BinaryIO(IO):
    pass


Pattern = _alias(type(''), 'Pattern')
Match = _alias(type(''), 'Match')


class ForwardRef:
    def __init__(self, arg):
        if not isinstance(arg, str):
            raise TypeError('Forward reference must be a string -- got %r' % (arg,))
        self.__forward_arg__ = arg

    def __repr__(self):
        return 'ForwardRef(%r)' % (self.__forward_arg__,)

    def __eq__(self, other):
        return isinstance(other, ForwardRef) and self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)


def cast(typ, val):
    return val


def assert_type(val, typ, /):
    return val


def assert_never(arg, /):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError('Expected code to be unreachable, but got: %s' % value)


def reveal_type(obj, /):
    print('Runtime type is %r' % (type(obj).__name__,), file=_sys.stderr)
    return obj


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            'You should not call an overloaded function. A series of @overload-decorated '
            'functions outside a stub module should always be followed by an implementation '
            'that is not @overload-ed.')
    return _overload_dummy


def no_type_check(arg):
    return arg


def dataclass_transform(**kwargs):
    def decorator(cls_or_fn):
        return cls_or_fn
    return decorator


def get_origin(tp):
    if isinstance(tp, _AnnotatedAlias):
        return Annotated
    if isinstance(tp, _GenericAlias):
        if tp is Generic:
            return Generic
        return tp.__origin__
    origin = getattr(tp, '__origin__', None)
    return origin


def get_args(tp):
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, _GenericAlias) and not tp._special:
        args = tp.__args__
        if tp._name == 'Callable' and len(args) == 2 and isinstance(args[0], tuple):
            return (list(args[0]), args[1])
        return args
    return getattr(tp, '__args__', ())


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            module = _sys.modules.get(base.__module__)
            g = globalns if globalns is not None else getattr(module, '__dict__', {})
            for name, value in ann.items():
                hints[name] = _eval_hint(value, g, localns)
        return hints
    ann = getattr(obj, '__annotations__', {}) or {}
    g = globalns if globalns is not None else getattr(obj, '__globals__', {})
    for name, value in ann.items():
        hints[name] = _eval_hint(value, g, localns)
    return hints


def _eval_hint(value, globalns, localns):
    if value is None:
        return type(None)
    if isinstance(value, str):
        return eval(value, globalns, localns)
    return value


class NewType:
    def __init__(self, name, tp):
        self.__qualname__ = name
        self.__name__ = name.rpartition('.')[-1]
        self.__supertype__ = tp
        module = '__main__'
        try:
            module = _sys._getframe(1).f_globals.get('__name__', '__main__')
        except (AttributeError, ValueError):
            pass
        self.__module__ = module

    def __repr__(self):
        return '%s.%s' % (self.__module__, self.__qualname__)

    def __call__(self, x):
        return x

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        types = ns.get('__annotations__', {})
        field_names = list(types)
        defaults = []
        for name in field_names:
            if name in ns:
                defaults.append(ns[name])
            elif defaults:
                raise TypeError('Non-default namedtuple field %s cannot follow default field%s %s'
                                % (name, 's' if len(defaults) > 1 else '',
                                   ', '.join(field_names[:len(defaults)])))
        nm_tpl = _collections.namedtuple(typename, field_names, defaults=defaults,
                                         module=ns.get('__module__', '__main__'))
        nm_tpl.__annotations__ = dict(types)
        for key, value in ns.items():
            if key in ('__module__', '__qualname__', '__annotations__', '__orig_bases__',
                       '__doc__', '_fields', '_field_defaults', '__new__', '__init__', '__slots__',
                       '_make', '_replace', '_asdict', '_source', '__getnewargs__'):
                if key == '__doc__' and value:
                    nm_tpl.__doc__ = value
                continue
            if key in field_names:
                continue
            setattr(nm_tpl, key, value)
        return nm_tpl


def NamedTuple(typename, fields=None, /, **kwargs):
    if fields is None:
        fields = kwargs.items()
    field_list = list(fields)
    return _collections.namedtuple(typename, [name for name, _ in field_list])


_NamedTuple = type.__new__(NamedTupleMeta, 'NamedTuple', (), {})


def _namedtuple_mro_entries(bases):
    return (_NamedTuple,)


NamedTuple.__mro_entries__ = _namedtuple_mro_entries


class _TypedDictMeta(type):
    def __new__(cls, name, bases, ns, total=True):
        tp = type.__new__(_TypedDictMeta, name, (dict,), ns)
        annotations = {}
        for base in bases:
            annotations.update(base.__dict__.get('__annotations__', {}))
        annotations.update(ns.get('__annotations__', {}))
        tp.__annotations__ = annotations
        tp.__total__ = total
        return tp

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

    def __subclasscheck__(cls, other):
        raise TypeError('TypedDict does not support instance and class checks')

    __instancecheck__ = __subclasscheck__


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    if fields is None:
        fields = kwargs
    ns = {'__annotations__': dict(fields)}
    return _TypedDictMeta(typename, (), ns, total=total)


_TypedDict = type.__new__(_TypedDictMeta, 'TypedDict', (), {})
TypedDict.__mro_entries__ = lambda bases: (_TypedDict,)
