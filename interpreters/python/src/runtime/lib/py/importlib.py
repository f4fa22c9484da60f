"""importlib for pyvgc: import_module, reload (re-runs a file module), invalidate_caches.

Written for pyvgc after CPython 3.11's documented behaviour. import_module resolves relative
names against `package` and goes through the normal import (`__import__`), so it finds bundled
modules, the script's folder and sys.path. Left out: importlib.util, importlib.machinery,
importlib.resources, importlib.metadata and the finder/loader protocol.
"""

import sys as _sys

__all__ = ['import_module', 'invalidate_caches', 'reload']


def _resolve_name(name, package, level):
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return '%s.%s' % (base, name) if name else base


def import_module(name, package=None):
    if not isinstance(name, str):
        raise TypeError('module name must be str, not %s' % type(name).__name__)
    level = 0
    if name.startswith('.'):
        if not package:
            raise TypeError("the 'package' argument is required to perform a relative import "
                            "for %r" % name)
        level = len(name) - len(name.lstrip('.'))
        name = _resolve_name(name[level:], package, level)
    if not name:
        raise ValueError('Empty module name')
    __import__(name)
    return _sys.modules[name]


def invalidate_caches():
    pass


def reload(module):
    name = getattr(module, '__name__', None)
    if name is None or _sys.modules.get(name) is not module:
        raise ImportError('module %s not in sys.modules' % name, name=name)
    del _sys.modules[name]
    try:
        new = import_module(name)
    except BaseException:
        _sys.modules[name] = module
        raise
    # CPython re-executes the module in the same namespace; copy the new names over.
    module.__dict__.update(new.__dict__)
    _sys.modules[name] = module
    return module
