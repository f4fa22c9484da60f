"""tempfile for pyvgc: gettempdir, mkdtemp, mkstemp, TemporaryDirectory, NamedTemporaryFile,
TemporaryFile, SpooledTemporaryFile (as a plain temporary file).

Written for pyvgc after CPython 3.11's documented behaviour: names are `prefix + 8 random
characters + suffix` in the directory from TMPDIR/TEMP/TMP or /tmp, created exclusively (a name
that exists is retried). pyvgc has no file descriptors, so mkstemp returns (None, path) after
creating the file, and files are opened with open() by name (permissions are the process umask's,
not 0600). TemporaryFile is a NamedTemporaryFile. Left out: the bytes-path variants.
"""

import os as _os
import random as _random

__all__ = ['NamedTemporaryFile', 'TemporaryFile', 'SpooledTemporaryFile', 'TemporaryDirectory',
           'mkstemp', 'mkdtemp', 'mktemp', 'gettempdir', 'gettempprefix', 'TMP_MAX', 'tempdir',
           'template']

TMP_MAX = 10000
template = 'tmp'
tempdir = None
_rng = _random.Random()
_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_'


def gettempprefix():
    return template


def gettempdir():
    global tempdir
    if tempdir is None:
        for name in ('TMPDIR', 'TEMP', 'TMP'):
            d = _os.environ.get(name)
            if d and _os.path.isdir(d):
                tempdir = _os.path.abspath(d)
                break
        else:
            tempdir = '/tmp' if _os.path.isdir('/tmp') else _os.getcwd()
    return tempdir


def _names(dir, prefix, suffix):
    if dir is None:
        dir = gettempdir()
    if prefix is None:
        prefix = template
    if suffix is None:
        suffix = ''
    for _ in range(TMP_MAX):
        name = ''.join(_rng.choice(_CHARS) for _ in range(8))
        yield _os.path.join(dir, prefix + name + suffix)
    raise FileExistsError(17, 'No usable temporary file name found')


def mkdtemp(suffix=None, prefix=None, dir=None):
    for path in _names(dir, prefix, suffix):
        try:
            _os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return _os.path.abspath(path)


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    for path in _names(dir, prefix, suffix):
        try:
            with open(path, 'x'):
                pass
        except FileExistsError:
            continue
        return None, _os.path.abspath(path)


def mktemp(suffix='', prefix=template, dir=None):
    for path in _names(dir, prefix, suffix):
        if not _os.path.exists(path):
            return path


class _TemporaryFileWrapper:
    """A file opened by name that is removed when closed (delete=True)."""

    def __init__(self, file, name, delete=True):
        self.file = file
        self.name = name
        self.delete = delete

    def __getattr__(self, name):
        return getattr(self.__dict__['file'], name)

    def __enter__(self):
        return self

    def __exit__(self, exc, value, tb):
        self.close()
        return None

    def __iter__(self):
        return iter(self.file)

    def close(self):
        if not self.file.closed:
            self.file.close()
        if self.delete:
            try:
                _os.remove(self.name)
            except FileNotFoundError:
                pass

    def __repr__(self):
        return '<tempfile._TemporaryFileWrapper file=%r>' % (self.file,)


def NamedTemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None,
                       prefix=None, dir=None, delete=True, *, errors=None):
    _, path = mkstemp(suffix, prefix, dir)
    kwargs = {}
    if encoding is not None:
        kwargs['encoding'] = encoding
    if newline is not None:
        kwargs['newline'] = newline
    if errors is not None:
        kwargs['errors'] = errors
    mode = mode.replace('x', 'w')
    try:
        f = open(path, mode, **kwargs)
    except BaseException:
        _os.remove(path)
        raise
    return _TemporaryFileWrapper(f, path, delete)


TemporaryFile = NamedTemporaryFile


def SpooledTemporaryFile(max_size=0, mode='w+b', buffering=-1, encoding=None, newline=None,
                         suffix=None, prefix=None, dir=None, *, errors=None):
    return NamedTemporaryFile(mode, buffering, encoding, newline, suffix, prefix, dir,
                              errors=errors)


def _rmtree(path):
    for root, dirs, files in _os.walk(path, topdown=False):
        for n in files:
            _os.remove(_os.path.join(root, n))
        for n in dirs:
            full = _os.path.join(root, n)
            if _os.path.islink(full):
                _os.remove(full)
            else:
                _os.rmdir(full)
    _os.rmdir(path)


class TemporaryDirectory:
    """A directory removed with its contents by cleanup() or at the end of a with block."""

    def __init__(self, suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore_cleanup_errors = ignore_cleanup_errors
        self._closed = False

    def __repr__(self):
        return '<%s %r>' % (type(self).__name__, self.name)

    def __enter__(self):
        return self.name

    def __exit__(self, exc, value, tb):
        self.cleanup()

    def cleanup(self):
        if self._closed:
            return
        self._closed = True
        try:
            _rmtree(self.name)
        except OSError:
            if not self._ignore_cleanup_errors:
                raise
