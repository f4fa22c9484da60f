"""warnings for pyvgc: warn, warn_explicit, filters, catch_warnings, showwarning/formatwarning.

Written for pyvgc after CPython 3.11's documented behaviour: the filter list (actions 'error',
'ignore', 'always', 'default', 'module', 'once' matched on message regex, category, module regex
and line), the default once-per-location reporting (in the calling module's
`__warningregistry__`), catch_warnings(record=True) returning WarningMessage objects, and `error`
turning a warning into an exception. warn() finds the calling file, line and module with
sys._getframe(stacklevel), and formatwarning prints the source line, as CPython does. The default
filters ignore DeprecationWarning, PendingDeprecationWarning, ImportWarning and ResourceWarning
except DeprecationWarning in __main__ (as CPython does).
"""

import sys as _sys

__all__ = ['warn', 'warn_explicit', 'showwarning', 'formatwarning', 'filterwarnings',
           'simplefilter', 'resetwarnings', 'catch_warnings']

filters = []
defaultaction = 'default'
onceregistry = {}
_registry = {}
_filters_version = 1


def _default_filters():
    import re
    out = [('default', None, DeprecationWarning, re.compile('__main__'), 0),
           ('ignore', None, DeprecationWarning, None, 0)]
    # pyvgc may not define every built-in warning class; ignore the ones it has.
    g = globals()
    b = g['__builtins__'] if '__builtins__' in g else {}
    for name in ('PendingDeprecationWarning', 'ImportWarning', 'ResourceWarning'):
        cls = (b.get(name) if isinstance(b, dict) else getattr(b, name, None))
        if cls is not None:
            out.append(('ignore', None, cls, None, 0))
    return out


filters[:] = _default_filters()


def _source_line(filename, lineno):
    # linecache.getline's result for a readable file: the line, or None.
    try:
        with open(filename) as f:
            for n, text in enumerate(f, 1):
                if n == lineno:
                    return text
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    return None


def formatwarning(message, category, filename, lineno, line=None):
    s = '%s:%s: %s: %s\n' % (filename, lineno, category.__name__, message)
    if line is None:
        line = _source_line(filename, lineno)
    if line:
        s += '  %s\n' % line.strip()
    return s


def showwarning(message, category, filename, lineno, file=None, line=None):
    if file is None:
        file = _sys.stderr
        if file is None:
            return
    try:
        file.write(formatwarning(message, category, filename, lineno, line))
    except OSError:
        pass


def _add_filter(item, append):
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    global _filters_version
    _filters_version += 1


_ACTIONS = ('error', 'ignore', 'always', 'default', 'module', 'once')


def filterwarnings(action, message='', category=Warning, module='', lineno=0, append=False):
    if action not in _ACTIONS:
        raise ValueError('invalid action: %r' % (action,))
    if not isinstance(message, str):
        raise TypeError('message must be a string')
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError('category must be a Warning subclass')
    if not isinstance(lineno, int) or lineno < 0:
        raise ValueError('lineno must be an int >= 0')
    import re
    msg = re.compile(message, re.I) if message else None
    mod = re.compile(module) if module else None
    _add_filter((action, msg, category, mod, lineno), append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    if action not in _ACTIONS:
        raise AssertionError('invalid action: %r' % (action,))
    _add_filter((action, None, category, None, lineno), append)


def resetwarnings():
    filters[:] = []
    global _filters_version
    _filters_version += 1


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError('category must be a Warning subclass, not %r' % type(category).__name__)
    try:
        frame = _sys._getframe(stacklevel)
    except ValueError:
        frame = None
    if frame is None:
        # CPython's attribution when the stack is not that deep.
        globals = _sys.__dict__
        filename = 'sys'
        lineno = 1
    else:
        globals = frame.f_globals
        filename = frame.f_code.co_filename
        lineno = frame.f_lineno
    module = globals['__name__'] if '__name__' in globals else '<string>'
    registry = globals.setdefault('__warningregistry__', {})
    warn_explicit(message, category, filename, lineno, module, registry)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    if module is None:
        module = filename or '<unknown>'
        if module[-3:].lower() == '.py':
            module = module[:-3]
    if registry is None:
        registry = {}
    if registry.get('version', 0) != _filters_version:
        registry.clear()
        registry['version'] = _filters_version
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry.get(key):
        return
    action = defaultaction
    for item in filters:
        act, msg, cat, mod, ln = item
        if (msg is None or msg.match(text)) and issubclass(category, cat) and \
                (mod is None or mod.match(module)) and (ln == 0 or lineno == ln):
            action = act
            break
    if action == 'ignore':
        return
    if action == 'error':
        raise message
    if action == 'once':
        registry[key] = 1
        okey = (text, category)
        if onceregistry.get(okey):
            return
        onceregistry[okey] = 1
    elif action == 'module':
        registry[key] = 1
        akey = (text, category, 0)
        if registry.get(akey):
            return
        registry[akey] = 1
    elif action == 'default':
        registry[key] = 1
    _showwarnmsg(WarningMessage(message, category, filename, lineno, None, None, source))


class WarningMessage:
    _WARNING_DETAILS = ('message', 'category', 'filename', 'lineno', 'file', 'line', 'source')

    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ('{message : %r, category : %r, filename : %r, lineno : %s, line : %r}'
                % (self.message, self._category_name, self.filename, self.lineno, self.line))


def _showwarnmsg(msg):
    sw = showwarning
    if sw is not _showwarning_orig:
        sw(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


def _showwarnmsg_impl(msg):
    file = msg.file if msg.file is not None else _sys.stderr
    if file is None:
        return
    text = formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    try:
        file.write(text)
    except OSError:
        pass


_showwarning_orig = showwarning


class catch_warnings:
    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0,
                 append=False):
        self._record = record
        self._module = _sys.modules['warnings'] if module is None else module
        self._entered = False
        self._filter = None if action is None else (action, category, lineno, append)

    def __repr__(self):
        args = []
        if self._record:
            args.append('record=True')
        if self._module is not _sys.modules['warnings']:
            args.append('module=%r' % self._module)
        return '%s(%s)' % (type(self).__name__, ', '.join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError('Cannot enter %r twice' % self)
        self._entered = True
        m = self._module
        self._filters = m.filters
        m.filters = self._filters[:]
        self._showwarning = m.showwarning
        self._showwarnmsg_impl = m._showwarnmsg_impl
        global _filters_version
        _filters_version += 1
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []
            m._showwarnmsg_impl = log.append
            m.showwarning = m._showwarning_orig
            return log
        return None

    def __exit__(self, *exc_info):
        if not self._entered:
            raise RuntimeError('Cannot exit %r without entering first' % self)
        m = self._module
        m.filters = self._filters
        m.showwarning = self._showwarning
        m._showwarnmsg_impl = self._showwarnmsg_impl
        global _filters_version
        _filters_version += 1
