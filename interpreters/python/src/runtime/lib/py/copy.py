"""pyvgc's bundled `copy`: shallow and deep copies. Written for pyvgc after CPython 3.11's
documented behaviour: __copy__/__deepcopy__ hooks, __getstate__/__setstate__, the memo dict,
tuples returned as-is when no element changed. Objects are rebuilt with cls.__new__ and their
__dict__ (CPython goes through __reduce_ex__, which ends in the same state for plain classes)."""

import types as _types

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, complex, str, bytes, type, range, slice,
           type(Ellipsis), type(NotImplemented), property, _types.FunctionType,
           _types.BuiltinFunctionType)


def _user_hook(cls, name):
    # A hook defined by a Python class in the MRO (object's own __getstate__ does not count).
    for base in cls.__mro__:
        if base is object:
            return None
        if name in base.__dict__:
            return base.__dict__[name]
    return None


def _is_atomic(x):
    cls = type(x)
    return (cls in _atomic or issubclass(cls, type) or cls is _types.FunctionType
            or cls is _types.BuiltinFunctionType)


def _new_like(x):
    cls = type(x)
    for base in cls.__mro__:
        if base in (list, dict, set, bytearray):
            y = base.__new__(cls)
            return y
    return cls.__new__(cls)


def _copy_state(x, y, deep, memo):
    state = None
    if _user_hook(type(x), '__getstate__') is not None:
        state = x.__getstate__()
    else:
        try:
            state = x.__dict__
        except AttributeError:
            state = None
    if state is None:
        return
    if deep:
        state = deepcopy(state, memo)
    if _user_hook(type(y), '__setstate__') is not None:
        y.__setstate__(state)
    else:
        y.__dict__.update(state)


def copy(x):
    cls = type(x)
    if _is_atomic(x) or cls is tuple or cls is frozenset:
        return x
    if cls in (list, dict, set, bytearray):
        return x.copy()
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    if cls is _types.MethodType:
        return x
    y = _new_like(x)
    if isinstance(x, list):
        list.extend(y, x)
    elif isinstance(x, dict):
        dict.update(y, x)
    elif isinstance(x, set):
        set.update(y, x)
    _copy_state(x, y, False, None)
    return y


_nil = []


def deepcopy(x, memo=None, _nil=_nil):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        if d in memo:
            return memo[d]
        for k, j in zip(x, items):
            if k is not j:
                y = tuple(items)
                break
        else:
            y = x
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls in (set, frozenset):
        y = cls(deepcopy(list(x), memo))
    elif cls is bytearray:
        y = bytearray(x)
    elif cls is _types.MethodType:
        y = cls(x.__func__, deepcopy(x.__self__, memo))
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _new_like(x)
            memo[d] = y
            if isinstance(x, list):
                for a in x:
                    list.append(y, deepcopy(a, memo))
            elif isinstance(x, dict):
                for key, value in x.items():
                    dict.__setitem__(y, deepcopy(key, memo), deepcopy(value, memo))
            elif isinstance(x, set):
                for a in x:
                    set.add(y, deepcopy(a, memo))
            _copy_state(x, y, True, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
