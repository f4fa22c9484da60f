"""pyvgc's bundled `os` (POSIX): environ, getcwd, listdir, mkdir/makedirs, remove, rename,
stat, walk, path (posixpath), and the constants. Written for pyvgc after CPython 3.11's
documented behaviour; system calls go through the native `_pyvgc_os`. Not provided: file
descriptor functions, processes (fork, exec*, system, popen, kill), permissions and links."""

import _pyvgc_os as _os
import posixpath as path
import sys as _sys

__all__ = ['environ', 'getenv', 'putenv', 'unsetenv', 'getcwd', 'chdir', 'listdir', 'mkdir',
           'makedirs', 'rmdir', 'removedirs', 'remove', 'unlink', 'rename', 'replace', 'stat',
           'lstat', 'walk', 'scandir', 'getpid', 'cpu_count', 'urandom', 'fspath', 'path', 'sep',
           'altsep', 'extsep', 'pathsep', 'linesep', 'defpath', 'devnull', 'curdir', 'pardir',
           'name', 'stat_result', 'PathLike', 'error']

_sys.modules['os.path'] = path

name = 'posix'
sep = path.sep
altsep = path.altsep
extsep = path.extsep
pathsep = path.pathsep
linesep = '\n'
defpath = path.defpath
devnull = path.devnull
curdir = path.curdir
pardir = path.pardir
error = OSError
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
F_OK = 0
R_OK = 4
W_OK = 2
X_OK = 1


class PathLike:
    """Abstract base class for implementing the file system path protocol."""

    def __fspath__(self):
        raise NotImplementedError


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    method = getattr(type(p), '__fspath__', None)
    if method is None:
        raise TypeError('expected str, bytes or os.PathLike object, not %s' % type(p).__name__)
    result = method(p)
    if not isinstance(result, (str, bytes)):
        raise TypeError('expected %s.__fspath__() to return str or bytes, not %s'
                        % (type(p).__name__, type(result).__name__))
    return result


class _Environ:
    """os.environ: a mapping that also updates the process environment."""

    def __init__(self, data):
        self._data = data

    def __getitem__(self, key):
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError('str expected, not %s' % type(key).__name__)
        if not isinstance(value, str):
            raise TypeError('str expected, not %s' % type(value).__name__)
        _os.putenv(key, value)
        self._data[key] = value

    def __delitem__(self, key):
        _os.unsetenv(key)
        try:
            del self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __iter__(self):
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def __contains__(self, key):
        return key in self._data

    def get(self, key, default=None):
        return self._data.get(key, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def setdefault(self, key, value):
        if key not in self._data:
            self[key] = value
        return self._data[key]

    def pop(self, key, *default):
        if key in self._data:
            value = self._data[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def update(self, other=(), **kwds):
        items = other.items() if hasattr(other, 'items') else other
        for key, value in items:
            self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def copy(self):
        return dict(self._data)

    def __repr__(self):
        return 'environ({%s})' % ', '.join('%r: %r' % (k, v) for k, v in self._data.items())


environ = _Environ(_os.environ())


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    _os.putenv(key, value)


def unsetenv(key):
    _os.unsetenv(key)


def getcwd():
    return _os.getcwd()


def chdir(p):
    _os.chdir(fspath(p))


def listdir(p='.'):
    return _os.listdir(fspath(p))


def mkdir(p, mode=0o777, *, dir_fd=None):
    _os.mkdir(fspath(p))


def makedirs(name, mode=0o777, exist_ok=False):
    name = fspath(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
        if tail == curdir:
            return
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def rmdir(p, *, dir_fd=None):
    _os.rmdir(fspath(p))


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def remove(p, *, dir_fd=None):
    _os.remove(fspath(p))


unlink = remove


def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    _os.rename(fspath(src), fspath(dst))


replace = rename


try:
    class stat_result(tuple):
        """The result of os.stat: a 10-tuple with named fields."""

        n_sequence_fields = 10

        st_mode = property(lambda self: self[0])
        st_ino = property(lambda self: self[1])
        st_dev = property(lambda self: self[2])
        st_nlink = property(lambda self: self[3])
        st_uid = property(lambda self: self[4])
        st_gid = property(lambda self: self[5])
        st_size = property(lambda self: self[6])
        st_atime = property(lambda self: self[7])
        st_mtime = property(lambda self: self[8])
        st_ctime = property(lambda self: self[9])

        def __repr__(self):
            names = ['st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size',
                     'st_atime', 'st_mtime', 'st_ctime']
            values = [self[i] if i < 7 else int(self[i]) for i in range(10)]
            return 'os.stat_result(%s)' % ', '.join('%s=%r' % nv for nv in zip(names, values))
except NotImplementedError:
    # A runtime that cannot subclass tuple: stat() returns _StatObject instead.
    stat_result = None


def _stat(raw):
    if stat_result is None:
        return _StatObject(raw)
    return stat_result(raw)


class _StatObject:
    def __init__(self, raw):
        (self.st_mode, self.st_ino, self.st_dev, self.st_nlink, self.st_uid, self.st_gid,
         self.st_size, self.st_atime, self.st_mtime, self.st_ctime) = raw
        self._raw = raw

    def __getitem__(self, i):
        return self._raw[i]

    def __len__(self):
        return 10


def stat(p, *, dir_fd=None, follow_symlinks=True):
    if follow_symlinks:
        return _stat(_os.stat(fspath(p)))
    return _stat(_os.lstat(fspath(p)))


def lstat(p, *, dir_fd=None):
    return _stat(_os.lstat(fspath(p)))


class DirEntry:
    def __init__(self, directory, name):
        self.name = name
        self.path = path.join(directory, name)

    def is_dir(self, *, follow_symlinks=True):
        return path.isdir(self.path)

    def is_file(self, *, follow_symlinks=True):
        return path.isfile(self.path)

    def is_symlink(self):
        return path.islink(self.path)

    def stat(self, *, follow_symlinks=True):
        return stat(self.path, follow_symlinks=follow_symlinks)

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return '<DirEntry %r>' % (self.name,)


class _ScandirIterator:
    def __init__(self, directory):
        self._entries = [DirEntry(directory, n) for n in listdir(directory)]
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._i >= len(self._entries):
            raise StopIteration
        self._i += 1
        return self._entries[self._i - 1]

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self._entries = []

    def close(self):
        self._entries = []


def scandir(p='.'):
    return _ScandirIterator(fspath(p))


def walk(top, topdown=True, onerror=None, followlinks=False):
    top = fspath(top)
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs = []
    nondirs = []
    for n in names:
        if path.isdir(path.join(top, n)):
            dirs.append(n)
        else:
            nondirs.append(n)
    if topdown:
        yield top, dirs, nondirs
        for d in dirs:
            new_path = path.join(top, d)
            if followlinks or not path.islink(new_path):
                yield from walk(new_path, topdown, onerror, followlinks)
    else:
        for d in dirs:
            new_path = path.join(top, d)
            if followlinks or not path.islink(new_path):
                yield from walk(new_path, topdown, onerror, followlinks)
        yield top, dirs, nondirs


def getpid():
    return _os.getpid()


def cpu_count():
    return _os.cpu_count()


def urandom(n):
    return _os.urandom(n)


def get_terminal_size(fd=1):
    columns = int(environ.get('COLUMNS', 80))
    lines = int(environ.get('LINES', 24))
    return (columns, lines)
