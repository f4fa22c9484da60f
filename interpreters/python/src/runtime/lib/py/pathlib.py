"""pathlib for pyvgc: PurePath, PurePosixPath, Path and PosixPath on top of os and os.path.

Written for pyvgc after CPython 3.11's documented behaviour for POSIX paths: parsing and
normalisation (repeated slashes and '.' dropped, '..' kept, a leading '//' kept), str/repr,
'/', parts/parent/parents/name/stem/suffix/suffixes, with_name/with_stem/with_suffix,
relative_to/is_relative_to, match, comparisons and hashing; and the file-system methods cwd,
home, exists, is_file, is_dir, is_symlink, stat, mkdir, rmdir, unlink, touch, rename, replace,
read_text/write_text/read_bytes/write_bytes, open, iterdir, glob/rglob, resolve, absolute,
expanduser, samefile. Left out: Windows paths (PureWindowsPath/WindowsPath raise
NotImplementedError), owner/group, chmod, symlink_to/hardlink_to/readlink, and case-insensitive
matching.
"""

import fnmatch as _fnmatch
import os as _os

__all__ = ['PurePath', 'PurePosixPath', 'PureWindowsPath', 'Path', 'PosixPath', 'WindowsPath']


def _parse(args):
    parts = []
    for a in args:
        if isinstance(a, PurePath):
            a = str(a)
        else:
            if hasattr(type(a), '__fspath__'):
                a = type(a).__fspath__(a)
            if not isinstance(a, str):
                raise TypeError('argument should be a str object or an os.PathLike object '
                                'returning str, not %r' % type(a))
        if a.startswith('/'):
            parts = [a]
        elif a:
            parts.append(a)
    text = '/'.join(parts)
    root = ''
    if text.startswith('/'):
        root = '//' if text.startswith('//') and not text.startswith('///') else '/'
    pieces = [p for p in text.split('/') if p and p != '.']
    return root, pieces


class PurePath:
    """A path that does not touch the file system."""

    __slots__ = ('_root', '_parts', '_str', '_hash')

    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        return cls._from_parts(args)

    @classmethod
    def _from_parts(cls, args):
        self = object.__new__(cls)
        self._root, self._parts = _parse(args)
        self._str = None
        self._hash = None
        return self

    @classmethod
    def _make(cls, root, parts):
        self = object.__new__(cls)
        self._root = root
        self._parts = list(parts)
        self._str = None
        self._hash = None
        return self

    def __str__(self):
        if self._str is None:
            s = self._root + '/'.join(self._parts)
            self._str = s or '.'
        return self._str

    def __fspath__(self):
        return str(self)

    def as_posix(self):
        return str(self)

    def __bytes__(self):
        return _os.fsencode(str(self)) if hasattr(_os, 'fsencode') else str(self).encode()

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self.as_posix())

    def as_uri(self):
        if not self.is_absolute():
            raise ValueError("relative path can't be expressed as a file URI")
        return 'file://' + str(self)

    def _key(self):
        return (self._root, self._parts)

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return str(self) == str(other)

    def __hash__(self):
        if self._hash is None:
            self._hash = hash(str(self))
        return self._hash

    def _cmp_parts(self, other):
        if not isinstance(other, PurePath):
            return None
        return (list(self.parts), list(other.parts))

    def __lt__(self, other):
        c = self._cmp_parts(other)
        return NotImplemented if c is None else c[0] < c[1]

    def __le__(self, other):
        c = self._cmp_parts(other)
        return NotImplemented if c is None else c[0] <= c[1]

    def __gt__(self, other):
        c = self._cmp_parts(other)
        return NotImplemented if c is None else c[0] > c[1]

    def __ge__(self, other):
        c = self._cmp_parts(other)
        return NotImplemented if c is None else c[0] >= c[1]

    @property
    def drive(self):
        return ''

    @property
    def root(self):
        return self._root

    @property
    def anchor(self):
        return self._root

    @property
    def parts(self):
        if self._root:
            return tuple([self._root] + self._parts)
        return tuple(self._parts)

    @property
    def name(self):
        return self._parts[-1] if self._parts else ''

    @property
    def suffix(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[i:]
        return ''

    @property
    def suffixes(self):
        name = self.name
        if name.endswith('.'):
            return []
        name = name.lstrip('.')
        return ['.' + s for s in name.split('.')[1:]]

    @property
    def stem(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[:i]
        return name

    @property
    def parent(self):
        if not self._parts:
            return self
        return self._make(self._root, self._parts[:-1])

    @property
    def parents(self):
        return _Parents(self)

    def with_name(self, name):
        if not self.name:
            raise ValueError('%r has an empty name' % (self,))
        if not name or '/' in name or name == '.':
            raise ValueError('Invalid name %r' % (name,))
        return self._make(self._root, self._parts[:-1] + [name])

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if '/' in suffix or suffix and (not suffix.startswith('.') or suffix == '.'):
            raise ValueError('Invalid suffix %r' % (suffix,))
        name = self.name
        if not name:
            raise ValueError('%r has an empty name' % (self,))
        old = self.suffix
        name = (name[:-len(old)] if old else name) + suffix
        return self._make(self._root, self._parts[:-1] + [name])

    def relative_to(self, *other):
        if not other:
            raise TypeError('need at least one argument')
        base = type(self)(*other)
        n = len(base._parts)
        if base._root != self._root or self._parts[:n] != base._parts:
            raise ValueError('%r is not in the subpath of %r OR one path is relative and the '
                             'other is absolute.' % (str(self), str(base)))
        return self._make('', self._parts[n:])

    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    def is_absolute(self):
        return bool(self._root)

    def is_reserved(self):
        return False

    def joinpath(self, *args):
        return type(self)(self, *args)

    def __truediv__(self, key):
        try:
            return type(self)(self, key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return type(self)(key, self)
        except TypeError:
            return NotImplemented

    def match(self, path_pattern):
        pat = PurePosixPath(path_pattern)
        if not pat._parts and not pat._root:
            raise ValueError('empty pattern')
        if pat._root:
            if pat._root != self._root or len(pat._parts) != len(self._parts):
                return False
        elif len(pat._parts) > len(self._parts):
            return False
        for part, p in zip(reversed(self._parts), reversed(pat._parts)):
            if not _fnmatch.fnmatchcase(part, p):
                return False
        return True


class _Parents:
    """The logical ancestors of a path, nearest first."""

    def __init__(self, path):
        self._path = path

    def __len__(self):
        return len(self._path._parts)

    def __getitem__(self, i):
        n = len(self)
        if isinstance(i, slice):
            return tuple(self[k] for k in list(range(n))[i])
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        p = self._path
        return p._make(p._root, p._parts[:n - i - 1])

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __repr__(self):
        return '<%s.parents>' % type(self._path).__name__


class PurePosixPath(PurePath):
    __slots__ = ()


class PureWindowsPath(PurePath):
    __slots__ = ()

    def __new__(cls, *args):
        raise NotImplementedError('pyvgc: Windows paths are not supported')


class Path(PurePath):
    """A path on the file system."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        return cls._from_parts(args)

    @classmethod
    def cwd(cls):
        return cls(_os.getcwd())

    @classmethod
    def home(cls):
        return cls(_os.path.expanduser('~'))

    def absolute(self):
        if self.is_absolute():
            return self
        return type(self)(_os.getcwd(), self)

    def resolve(self, strict=False):
        p = _os.path.realpath(str(self)) if hasattr(_os.path, 'realpath') else \
            _os.path.normpath(str(self.absolute()))
        if strict and not _os.path.exists(p):
            raise FileNotFoundError(2, 'No such file or directory', str(self))
        return type(self)(p)

    def expanduser(self):
        return type(self)(_os.path.expanduser(str(self)))

    def stat(self, *, follow_symlinks=True):
        return _os.stat(str(self))

    def lstat(self):
        return _os.lstat(str(self))

    def exists(self):
        return _os.path.exists(str(self))

    def is_file(self):
        return _os.path.isfile(str(self))

    def is_dir(self):
        return _os.path.isdir(str(self))

    def is_symlink(self):
        return _os.path.islink(str(self))

    def samefile(self, other_path):
        return _os.path.samefile(str(self), str(other_path))

    def iterdir(self):
        for name in _os.listdir(str(self)):
            yield self._make(self._root, self._parts + [name])

    def glob(self, pattern):
        import glob as _glob
        if not pattern:
            raise ValueError('Unacceptable pattern: %r' % (pattern,))
        base = str(self)
        for found in _glob.glob(pattern, root_dir=base, recursive=True):
            yield self / found

    def rglob(self, pattern):
        return self.glob('**/' + pattern)

    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        kwargs = {}
        for name, value in (('encoding', encoding), ('errors', errors), ('newline', newline)):
            if value is not None:
                kwargs[name] = value
        return open(str(self), mode, **kwargs)

    def read_text(self, encoding=None, errors=None):
        with self.open('r', encoding=encoding, errors=errors) as f:
            return f.read()

    def read_bytes(self):
        with self.open('rb') as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError('data must be str, not %s' % type(data).__name__)
        with self.open('w', encoding=encoding, errors=errors, newline=newline) as f:
            return f.write(data)

    def write_bytes(self, data):
        data = bytes(data)
        with self.open('wb') as f:
            return f.write(data)

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise FileExistsError(17, 'File exists', str(self))
            return
        with self.open('a'):
            pass

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        try:
            _os.mkdir(str(self), mode)
        except FileNotFoundError:
            if not parents or self.parent == self:
                raise
            self.parent.mkdir(parents=True, exist_ok=True)
            self.mkdir(mode, parents=False, exist_ok=exist_ok)
        except OSError:
            if not exist_ok or not self.is_dir():
                raise

    def rmdir(self):
        _os.rmdir(str(self))

    def unlink(self, missing_ok=False):
        try:
            _os.remove(str(self))
        except FileNotFoundError:
            if not missing_ok:
                raise

    def rename(self, target):
        _os.rename(str(self), str(target))
        return type(self)(target)

    def replace(self, target):
        _os.replace(str(self), str(target))
        return type(self)(target)


class PosixPath(Path, PurePosixPath):
    __slots__ = ()


class WindowsPath(Path, PureWindowsPath):
    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        raise NotImplementedError('pyvgc: Windows paths are not supported')
