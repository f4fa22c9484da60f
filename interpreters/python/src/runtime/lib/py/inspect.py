"""inspect for pyvgc: type predicates, signature(), getmembers(), getgeneratorstate() and friends.

Written for pyvgc after CPython 3.11's documented behaviour. Parameter layouts and generator
states come from the native `_pyvgc_inspect`. Signature and Parameter print as CPython's
(`(a, b=2, /, *args, c, **kw) -> int`), bind()/bind_partial() are supported. currentframe()
is a snapshot from sys._getframe (code name, line, f_back, f_globals); stack() and trace() are
empty. Left out: source code
(getsource/getsourcelines/getfile raise OSError or TypeError), coroutines and async generators
(there are none in pyvgc), signatures of built-in functions (ValueError, as CPython gives for
many of them). Signature.parameters is a dict copy (CPython: a mappingproxy), and
Parameter.kind values are plain objects (not an IntEnum).
"""

import sys as _sys
import types as _types
import _pyvgc_inspect

__all__ = ['isfunction', 'ismethod', 'isclass', 'ismodule', 'isbuiltin', 'isroutine',
           'isgenerator', 'isgeneratorfunction', 'iscoroutine', 'iscoroutinefunction',
           'isabstract', 'isawaitable', 'isasyncgenfunction', 'ismethoddescriptor',
           'isdatadescriptor', 'getmembers', 'signature', 'Signature', 'Parameter',
           'getdoc', 'cleandoc', 'getmodule', 'getgeneratorstate', 'getfullargspec',
           'unwrap', 'getmro', 'getattr_static', 'currentframe', 'stack', 'getsource',
           'getfile', 'getclosurevars', 'GEN_CREATED', 'GEN_RUNNING', 'GEN_SUSPENDED',
           'GEN_CLOSED', 'BoundArguments', 'isgetsetdescriptor', 'ismemberdescriptor',
           'iscode', 'isframe', 'istraceback', 'formatannotation']

GEN_CREATED = 'GEN_CREATED'
GEN_RUNNING = 'GEN_RUNNING'
GEN_SUSPENDED = 'GEN_SUSPENDED'
GEN_CLOSED = 'GEN_CLOSED'

_VARARGS = 0x04
_VARKEYWORDS = 0x08
_GENERATOR = 0x20


def ismodule(obj):
    return isinstance(obj, _types.ModuleType)


def isclass(obj):
    return isinstance(obj, type)


def ismethod(obj):
    return isinstance(obj, _types.MethodType)


def isfunction(obj):
    return isinstance(obj, _types.FunctionType)


def isbuiltin(obj):
    return isinstance(obj, _types.BuiltinFunctionType)


def isroutine(obj):
    return isbuiltin(obj) or isfunction(obj) or ismethod(obj) or ismethoddescriptor(obj)


def ismethoddescriptor(obj):
    if isclass(obj) or ismethod(obj) or isfunction(obj):
        return False
    tp = type(obj)
    return hasattr(tp, '__get__') and not hasattr(tp, '__set__') and \
        tp not in (int, str, float, bool, list, tuple, dict, set, bytes, type(None))


def isdatadescriptor(obj):
    if isclass(obj) or ismethod(obj) or isfunction(obj):
        return False
    tp = type(obj)
    return hasattr(tp, '__set__') or hasattr(tp, '__delete__')


def isgetsetdescriptor(obj):
    return False


def ismemberdescriptor(obj):
    return False


def _unwrap_partial(f):
    while ismethod(f):
        f = f.__func__
    return f


def isgeneratorfunction(obj):
    info = _pyvgc_inspect.code_info(_unwrap_partial(obj))
    return info is not None and bool(info[4] & _GENERATOR)


def isgenerator(obj):
    return isinstance(obj, _types.GeneratorType)


def iscoroutinefunction(obj):
    return False


def iscoroutine(obj):
    return False


def isawaitable(obj):
    return False


def isasyncgenfunction(obj):
    return False


def isasyncgen(obj):
    return False


def iscode(obj):
    return _types.CodeType is not None and isinstance(obj, _types.CodeType)


def isframe(obj):
    return False


def istraceback(obj):
    return False


def isabstract(obj):
    return isinstance(obj, type) and bool(getattr(obj, '__abstractmethods__', None))


def getmro(cls):
    return cls.__mro__


def getmembers(obj, predicate=None):
    names = dir(obj)
    if isclass(obj):
        for base in obj.__mro__:
            for k in base.__dict__:
                if k not in names:
                    names.append(k)
    results = []
    seen = set()
    for key in names:
        if key in seen:
            continue
        seen.add(key)
        try:
            value = getattr(obj, key)
        except AttributeError:
            continue
        if predicate is None or predicate(value):
            results.append((key, value))
    results.sort(key=lambda kv: kv[0])
    return results


def getattr_static(obj, attr, default=_sys):
    try:
        d = object.__getattribute__(obj, '__dict__')
    except AttributeError:
        d = {}
    if not isclass(obj) and attr in d:
        return d[attr]
    klass = obj if isclass(obj) else type(obj)
    for base in klass.__mro__:
        if attr in base.__dict__:
            return base.__dict__[attr]
    if default is not _sys:
        return default
    raise AttributeError(attr)


def getdoc(obj):
    doc = getattr(obj, '__doc__', None)
    if doc is None and isclass(obj):
        for base in obj.__mro__[1:]:
            if base is object:
                break
            doc = base.__doc__
            if doc is not None:
                break
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


def cleandoc(doc):
    lines = doc.expandtabs().split('\n')
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    if lines:
        lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return '\n'.join(lines)


def getmodule(obj, _filename=None):
    if ismodule(obj):
        return obj
    name = getattr(obj, '__module__', None)
    if name is not None:
        return _sys.modules.get(name)
    return None


def getgeneratorstate(generator):
    state = _pyvgc_inspect.gen_state(generator)
    if state is None:
        raise TypeError('%r is not a generator' % (generator,))
    return state


def currentframe():
    return _sys._getframe(1)


def stack(context=1):
    return []


def trace(context=1):
    return []


def getfile(obj):
    if ismodule(obj):
        f = getattr(obj, '__file__', None)
        if f:
            return f
        raise TypeError('{!r} is a built-in module'.format(obj))
    if isclass(obj):
        mod = _sys.modules.get(obj.__module__)
        f = getattr(mod, '__file__', None)
        if f:
            return f
        raise TypeError('{!r} is a built-in class'.format(obj))
    info = _pyvgc_inspect.code_info(_unwrap_partial(obj))
    if info is not None:
        return info[6]
    raise TypeError('module, class, method, function, traceback, frame, or code object was '
                    'expected, got {}'.format(type(obj).__name__))


def getsourcefile(obj):
    return getfile(obj)


def getsource(obj):
    raise OSError('pyvgc: inspect.getsource is not supported (no source positions)')


def getsourcelines(obj):
    raise OSError('pyvgc: inspect.getsourcelines is not supported (no source positions)')


def unwrap(func, *, stop=None):
    f = func
    seen = {id(f)}
    while hasattr(f, '__wrapped__'):
        if stop is not None and stop(f):
            break
        f = f.__wrapped__
        if id(f) in seen:
            raise ValueError('wrapper loop when unwrapping {!r}'.format(func))
        seen.add(id(f))
    return f


def formatannotation(annotation, base_module=None):
    if getattr(annotation, '__module__', None) == 'typing':
        return repr(annotation).replace('typing.', '')
    if isinstance(annotation, _types.GenericAlias if hasattr(_types, 'GenericAlias') else ()):
        return repr(annotation)
    if isinstance(annotation, type):
        if annotation.__module__ in ('builtins', base_module):
            return annotation.__qualname__
        return annotation.__module__ + '.' + annotation.__qualname__
    return repr(annotation)


class _empty:
    """Marker object for Signature.empty and Parameter.empty."""


class _Kind:
    def __init__(self, value, name, description):
        self.value = value
        self.name = name
        self.description = description

    def __repr__(self):
        return '<_ParameterKind.%s: %d>' % (self.name, self.value)

    def __str__(self):
        return self.name

    def __lt__(self, other):
        return self.value < other.value

    def __le__(self, other):
        return self.value <= other.value

    def __gt__(self, other):
        return self.value > other.value

    def __ge__(self, other):
        return self.value >= other.value

    def __eq__(self, other):
        if isinstance(other, _Kind):
            return self.value == other.value
        return self.value == other

    def __hash__(self):
        return hash(self.value)

    def __int__(self):
        return self.value

    def __index__(self):
        return self.value


_POSITIONAL_ONLY = _Kind(0, 'POSITIONAL_ONLY', 'positional-only')
_POSITIONAL_OR_KEYWORD = _Kind(1, 'POSITIONAL_OR_KEYWORD', 'positional or keyword')
_VAR_POSITIONAL = _Kind(2, 'VAR_POSITIONAL', 'variadic positional')
_KEYWORD_ONLY = _Kind(3, 'KEYWORD_ONLY', 'keyword-only')
_VAR_KEYWORD = _Kind(4, 'VAR_KEYWORD', 'variadic keyword')


class Parameter:
    """One parameter of a Signature."""

    POSITIONAL_ONLY = _POSITIONAL_ONLY
    POSITIONAL_OR_KEYWORD = _POSITIONAL_OR_KEYWORD
    VAR_POSITIONAL = _VAR_POSITIONAL
    KEYWORD_ONLY = _KEYWORD_ONLY
    VAR_KEYWORD = _VAR_KEYWORD
    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        if kind not in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD, _VAR_POSITIONAL,
                        _KEYWORD_ONLY, _VAR_KEYWORD):
            raise ValueError('value %r is not a valid Parameter.kind' % (kind,))
        if default is not _empty and kind in (_VAR_POSITIONAL, _VAR_KEYWORD):
            raise ValueError('%s parameters cannot have default values' % kind.description)
        if not isinstance(name, str):
            raise TypeError('name must be a str, not a %s' % type(name).__name__)
        if not name.isidentifier():
            raise ValueError('%r is not a valid parameter name' % name)
        self._name = name
        self._kind = kind
        self._default = default
        self._annotation = annotation

    name = property(lambda self: self._name)
    kind = property(lambda self: self._kind)
    default = property(lambda self: self._default)
    annotation = property(lambda self: self._annotation)

    def replace(self, *, name=_empty, kind=_empty, default=_sys, annotation=_sys):
        return type(self)(self._name if name is _empty else name,
                          self._kind if kind is _empty else kind,
                          default=self._default if default is _sys else default,
                          annotation=self._annotation if annotation is _sys else annotation)

    def __str__(self):
        s = self._name
        if self._annotation is not _empty:
            s = '%s: %s' % (s, formatannotation(self._annotation))
        if self._default is not _empty:
            if self._annotation is not _empty:
                s = '%s = %r' % (s, self._default)
            else:
                s = '%s=%r' % (s, self._default)
        if self._kind is _VAR_POSITIONAL:
            s = '*' + s
        elif self._kind is _VAR_KEYWORD:
            s = '**' + s
        return s

    def __repr__(self):
        return '<%s "%s">' % (type(self).__name__, self)

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name == other._name and self._kind == other._kind and
                self._default == other._default and self._annotation == other._annotation)

    def __hash__(self):
        return hash((self._name, self._kind, self._annotation, self._default))


class BoundArguments:
    """The result of Signature.bind(): arguments mapped to parameter names."""

    def __init__(self, signature, arguments):
        self.arguments = arguments
        self._signature = signature

    signature = property(lambda self: self._signature)

    @property
    def args(self):
        args = []
        for name, p in self._signature.parameters.items():
            if p.kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
                break
            if name not in self.arguments:
                break
            if p.kind is _VAR_POSITIONAL:
                args.extend(self.arguments[name])
            else:
                args.append(self.arguments[name])
        return tuple(args)

    @property
    def kwargs(self):
        kwargs = {}
        started = False
        for name, p in self._signature.parameters.items():
            if not started:
                if p.kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
                    started = True
                elif name not in self.arguments:
                    started = True
                    continue
            if not started or name not in self.arguments:
                continue
            if p.kind is _VAR_KEYWORD:
                kwargs.update(self.arguments[name])
            else:
                kwargs[name] = self.arguments[name]
        return kwargs

    def apply_defaults(self):
        new = {}
        for name, p in self._signature.parameters.items():
            if name in self.arguments:
                new[name] = self.arguments[name]
            elif p.default is not _empty:
                new[name] = p.default
            elif p.kind is _VAR_POSITIONAL:
                new[name] = ()
            elif p.kind is _VAR_KEYWORD:
                new[name] = {}
        self.arguments = new

    def __repr__(self):
        return '<BoundArguments (%s)>' % ', '.join(
            '%s=%r' % (k, v) for k, v in self.arguments.items())

    def __eq__(self, other):
        if not isinstance(other, BoundArguments):
            return NotImplemented
        return self.signature == other.signature and self.arguments == other.arguments


class Signature:
    """The parameters and return annotation of a callable."""

    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty,
                 __validate_parameters__=True):
        params = {}
        if parameters is not None:
            last_kind = _POSITIONAL_ONLY
            seen_default = False
            for p in parameters:
                if p.kind < last_kind:
                    raise ValueError('wrong parameter order: %s parameter before %s parameter'
                                     % (last_kind.description, p.kind.description))
                last_kind = p.kind
                if p.kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
                    if p.default is _empty:
                        if seen_default:
                            raise ValueError('non-default argument follows default argument')
                    else:
                        seen_default = True
                if p.name in params:
                    raise ValueError('duplicate parameter name: %r' % p.name)
                params[p.name] = p
        self._parameters = params
        self._return_annotation = return_annotation

    @property
    def parameters(self):
        # CPython returns a read-only mappingproxy; a fresh dict keeps the original intact.
        return dict(self._parameters)

    return_annotation = property(lambda self: self._return_annotation)

    def replace(self, *, parameters=_sys, return_annotation=_sys):
        return type(self)(list(self._parameters.values()) if parameters is _sys else parameters,
                          return_annotation=self._return_annotation
                          if return_annotation is _sys else return_annotation)

    @classmethod
    def from_callable(cls, obj, *, follow_wrapped=True):
        return signature(obj, follow_wrapped=follow_wrapped)

    def __str__(self):
        parts = []
        render_pos_only = False
        render_kw_only = True
        for p in self._parameters.values():
            kind = p.kind
            if kind is _POSITIONAL_ONLY:
                render_pos_only = True
            elif render_pos_only:
                parts.append('/')
                render_pos_only = False
            if kind is _VAR_POSITIONAL:
                render_kw_only = False
            elif kind is _KEYWORD_ONLY and render_kw_only:
                parts.append('*')
                render_kw_only = False
            parts.append(str(p))
        if render_pos_only:
            parts.append('/')
        s = '(%s)' % ', '.join(parts)
        if self._return_annotation is not _empty:
            s += ' -> %s' % formatannotation(self._return_annotation)
        return s

    def __repr__(self):
        return '<%s %s>' % (type(self).__name__, self)

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Signature):
            return NotImplemented
        return (self._return_annotation == other._return_annotation and
                list(self._parameters.items()) == list(other._parameters.items()))

    def __hash__(self):
        return hash((tuple(self._parameters.values()), self._return_annotation))

    def _bind(self, args, kwargs, partial):
        arguments = {}
        params = list(self._parameters.values())
        kwargs = dict(kwargs)
        i = 0
        args = list(args)
        while args:
            if i >= len(params):
                raise TypeError('too many positional arguments')
            p = params[i]
            if p.kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
                raise TypeError('too many positional arguments')
            if p.kind is _VAR_POSITIONAL:
                arguments[p.name] = tuple(args)
                args = []
                i += 1
                break
            if p.name in kwargs and p.kind is not _POSITIONAL_ONLY:
                raise TypeError('multiple values for argument %r' % p.name)
            arguments[p.name] = args.pop(0)
            i += 1
        kwargs_param = None
        for p in params[i:]:
            if p.kind is _VAR_KEYWORD:
                kwargs_param = p
                continue
            if p.kind is _VAR_POSITIONAL:
                continue
            if p.kind is _POSITIONAL_ONLY:
                if p.name in kwargs and kwargs_param is None and \
                        not any(q.kind is _VAR_KEYWORD for q in params):
                    raise TypeError('%r parameter is positional only, but was passed as a '
                                    'keyword' % p.name)
                if not partial and p.default is _empty:
                    raise TypeError('missing a required argument: %r' % p.name)
                continue
            if p.name in kwargs:
                arguments[p.name] = kwargs.pop(p.name)
            elif not partial and p.default is _empty:
                raise TypeError('missing a required %sargument: %r'
                                % ('keyword-only ' if p.kind is _KEYWORD_ONLY else '', p.name))
        if kwargs:
            if kwargs_param is None:
                raise TypeError('got an unexpected keyword argument %r' % next(iter(kwargs)))
            arguments[kwargs_param.name] = kwargs
        return BoundArguments(self, arguments)

    def bind(self, *args, **kwargs):
        return self._bind(args, kwargs, False)

    def bind_partial(self, *args, **kwargs):
        return self._bind(args, kwargs, True)


def _signature_of_function(f, skip_first):
    info = _pyvgc_inspect.code_info(f)
    if info is None:
        raise ValueError('no signature found for %r' % (f,))
    names, argcount, posonly, kwonly, flags = info[:5]
    defaults = f.__defaults__ or ()
    kwdefaults = f.__kwdefaults__ or {}
    annotations = getattr(f, '__annotations__', None) or {}
    params = []
    first_default = argcount - len(defaults)
    for i in range(argcount):
        name = names[i]
        kind = _POSITIONAL_ONLY if i < posonly else _POSITIONAL_OR_KEYWORD
        default = defaults[i - first_default] if i >= first_default else _empty
        params.append(Parameter(name, kind, default=default,
                                annotation=annotations.get(name, _empty)))
    n = argcount
    kwnames = names[n:n + kwonly]
    n += kwonly
    if flags & _VARARGS:
        name = names[n]
        params.append(Parameter(name, _VAR_POSITIONAL, annotation=annotations.get(name, _empty)))
        n += 1
    for name in kwnames:
        params.append(Parameter(name, _KEYWORD_ONLY, default=kwdefaults.get(name, _empty),
                                annotation=annotations.get(name, _empty)))
    if flags & _VARKEYWORDS:
        name = names[n]
        params.append(Parameter(name, _VAR_KEYWORD, annotation=annotations.get(name, _empty)))
    if skip_first:
        if not params or params[0].kind in (_KEYWORD_ONLY, _VAR_KEYWORD):
            raise ValueError('invalid method signature')
        if params[0].kind is not _VAR_POSITIONAL:
            params = params[1:]
    return Signature(params, return_annotation=annotations.get('return', _empty))


def signature(obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False):
    if not callable(obj):
        raise TypeError('{!r} is not a callable object'.format(obj))
    if ismethod(obj):
        sig = signature(obj.__func__, follow_wrapped=follow_wrapped)
        params = list(sig.parameters.values())
        if not params or params[0].kind in (_KEYWORD_ONLY, _VAR_KEYWORD):
            raise ValueError('invalid method signature')
        if params[0].kind is not _VAR_POSITIONAL:
            params = params[1:]
        return sig.replace(parameters=params)
    if follow_wrapped:
        obj = unwrap(obj, stop=lambda f: hasattr(f, '__signature__'))
    sig = getattr(obj, '__signature__', None)
    if sig is not None:
        if not isinstance(sig, Signature):
            raise TypeError('unexpected object %r in __signature__ attribute' % (sig,))
        return sig
    if isfunction(obj):
        return _signature_of_function(obj, False)
    partial_type = None
    try:
        import functools
        partial_type = functools.partial
    except ImportError:
        pass
    if partial_type is not None and isinstance(obj, partial_type):
        sig = signature(obj.func)
        bound = sig.bind_partial(*obj.args, **obj.keywords)
        params = []
        for p in sig.parameters.values():
            if p.name in bound.arguments and p.kind not in (_VAR_POSITIONAL, _VAR_KEYWORD):
                if p.name in obj.keywords:
                    kind = _KEYWORD_ONLY if p.kind is not _POSITIONAL_ONLY else p.kind
                    params.append(p.replace(default=obj.keywords[p.name], kind=kind))
                continue
            params.append(p)
        kw_seen = False
        fixed = []
        for p in params:
            if p.kind is _KEYWORD_ONLY:
                kw_seen = True
            elif kw_seen and p.kind is _POSITIONAL_OR_KEYWORD:
                p = p.replace(kind=_KEYWORD_ONLY)
            fixed.append(p)
        return sig.replace(parameters=fixed)
    if isclass(obj):
        for base in obj.__mro__:
            if '__init__' in base.__dict__ and base is not object:
                init = base.__dict__['__init__']
                if isfunction(init):
                    return _signature_of_function(init, True)
                break
            if '__new__' in base.__dict__ and base is not object:
                new = base.__dict__['__new__']
                if isinstance(new, staticmethod):
                    new = new.__func__
                if isfunction(new):
                    return _signature_of_function(new, True)
                break
        if obj.__init__ is object.__init__ and obj.__new__ is object.__new__:
            return Signature()
        raise ValueError('no signature found for builtin type {!r}'.format(obj))
    if isbuiltin(obj):
        raise ValueError('no signature found for builtin {!r}'.format(obj))
    call = getattr(type(obj), '__call__', None)
    if call is not None and isfunction(call):
        return _signature_of_function(call, True)
    raise ValueError('callable {!r} is not supported by signature'.format(obj))


class FullArgSpec(tuple):
    _fields = ('args', 'varargs', 'varkw', 'defaults', 'kwonlyargs', 'kwonlydefaults',
               'annotations')

    def __new__(cls, *values):
        return tuple.__new__(cls, values)

    def __repr__(self):
        return 'FullArgSpec(%s)' % ', '.join('%s=%r' % (n, v)
                                             for n, v in zip(self._fields, self))


for _i, _n in enumerate(FullArgSpec._fields):
    setattr(FullArgSpec, _n, property(lambda self, _i=_i: self[_i]))
del _i, _n


def getfullargspec(func):
    sig = signature(func, follow_wrapped=False)
    args, kwonly = [], []
    varargs = varkw = None
    defaults = []
    kwdefaults = {}
    annotations = {}
    if sig.return_annotation is not _empty:
        annotations['return'] = sig.return_annotation
    for p in sig.parameters.values():
        if p.annotation is not _empty:
            annotations[p.name] = p.annotation
        if p.kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
            args.append(p.name)
            if p.default is not _empty:
                defaults.append(p.default)
        elif p.kind is _VAR_POSITIONAL:
            varargs = p.name
        elif p.kind is _KEYWORD_ONLY:
            kwonly.append(p.name)
            if p.default is not _empty:
                kwdefaults[p.name] = p.default
        else:
            varkw = p.name
    return FullArgSpec(args, varargs, varkw, tuple(defaults) or None, kwonly,
                       kwdefaults or None, annotations)


def getclosurevars(func):
    raise NotImplementedError('pyvgc: inspect.getclosurevars is not supported')
