"""glob for pyvgc: glob, iglob, escape, has_magic.

Written for pyvgc after CPython 3.11's documented behaviour: shell wildcards per path component,
`**` with recursive=True, names starting with '.' only matched by patterns starting with '.',
root_dir and dir_fd-free operation. Results come in the order the directory lists them (as in
CPython, which does not sort either).
"""

import fnmatch as _fnmatch
import os as _os

__all__ = ['glob', 'iglob', 'escape', 'has_magic']


def has_magic(s):
    if isinstance(s, bytes):
        s = s.decode('latin-1')
    return any(c in s for c in '*?[')


def escape(pathname):
    drive, rest = '', pathname
    out = []
    for c in rest:
        out.append('[%s]' % c if c in '*?[' else c)
    return drive + ''.join(out)


def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    return list(iglob(pathname, root_dir=root_dir, recursive=recursive,
                      include_hidden=include_hidden))


def _listdir(path, include_hidden):
    try:
        names = _os.listdir(path or _os.curdir)
    except OSError:
        return []
    return names


def _exists(root, path):
    return _os.path.exists(_os.path.join(root, path) if root else path)


def _isdir(root, path):
    return _os.path.isdir(_os.path.join(root, path) if root else (path or _os.curdir))


def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    if isinstance(pathname, bytes):
        raise NotImplementedError('pyvgc: glob of bytes patterns is not supported')
    root = _os.fspath(root_dir) if root_dir is not None else None
    if not pathname:
        return iter([])
    return iter(_glob(pathname, root, recursive, include_hidden))


def _glob(pattern, root, recursive, hidden):
    dirname, basename = _os.path.split(pattern)
    if not has_magic(pattern):
        if basename:
            if _exists(root, pattern):
                return [pattern]
        elif _isdir(root, dirname):
            return [pattern]
        return []
    if not dirname:
        if recursive and basename == '**':
            return _rlist(root, '', hidden, True)
        return _match_in(root, '', basename, hidden)
    if dirname != pattern and has_magic(dirname):
        dirs = _glob(dirname, root, recursive, hidden)
    else:
        dirs = [dirname]
    out = []
    for d in dirs:
        if not has_magic(basename):
            if (basename and _exists(root, _os.path.join(d, basename))) or \
                    (not basename and _isdir(root, d)):
                out.append(_os.path.join(d, basename))
        elif recursive and basename == '**':
            for sub in _rlist(root, d, hidden, True):
                out.append(_os.path.join(d, sub))
        else:
            for name in _match_in(root, d, basename, hidden):
                out.append(_os.path.join(d, name))
    return out


def _match_in(root, d, pattern, hidden):
    full = _os.path.join(root, d) if root else d
    names = _listdir(full, hidden)
    if not (hidden or pattern.startswith('.')):
        names = [n for n in names if not n.startswith('.')]
    return _fnmatch.filter(names, pattern)


def _rlist(root, d, hidden, top):
    """'**': the directory itself (as '') and everything below it."""
    out = [''] if top else []
    full = _os.path.join(root, d) if root else (d or _os.curdir)
    for name in _listdir(full, hidden):
        if not hidden and name.startswith('.'):
            continue
        out.append(name)
        path = _os.path.join(d, name) if d else name
        if _os.path.isdir(_os.path.join(root, path) if root else path) and \
                not _os.path.islink(_os.path.join(root, path) if root else path):
            for sub in _rlist(root, path, hidden, False):
                out.append(_os.path.join(name, sub))
    return out
