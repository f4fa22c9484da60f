"""pyvgc's bundled `types`: names for built-in types and SimpleNamespace. Written for pyvgc."""

import sys as _sys

__all__ = ['FunctionType', 'LambdaType', 'CodeType', 'MethodType', 'BuiltinFunctionType',
           'BuiltinMethodType', 'GeneratorType', 'ModuleType', 'SimpleNamespace', 'NoneType',
           'NotImplementedType', 'EllipsisType', 'MappingProxyType', 'new_class']


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__) if hasattr(_f, '__code__') else None


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)


def _g():
    yield 1


GeneratorType = type(_g())
ModuleType = type(_sys)
NoneType = type(None)
NotImplementedType = type(NotImplemented)
EllipsisType = type(Ellipsis)
MappingProxyType = type(type.__dict__)


class SimpleNamespace:
    def __init__(self, /, **kwargs):
        self.__dict__.update(kwargs)

    def __repr__(self):
        items = ('%s=%r' % (k, v) for k, v in self.__dict__.items())
        return '%s(%s)' % ('namespace' if type(self) is SimpleNamespace else type(self).__name__,
                           ', '.join(items))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


def new_class(name, bases=(), kwds=None, exec_body=None):
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    meta = (kwds or {}).get('metaclass', type)
    return meta(name, tuple(bases), ns)
