"""shutil for pyvgc: file copying, trees, moving, removal, which, disk-free-free helpers.

Written for pyvgc after CPython 3.11's documented behaviour on top of os/os.path: copyfileobj,
copyfile, copy, copy2, copymode/copystat (no-ops: pyvgc cannot set permissions or times),
copytree (dirs_exist_ok, ignore), ignore_patterns, rmtree (ignore_errors, onerror), move, which,
get_terminal_size, and Error/SameFileError. Left out: make_archive/unpack_archive, chown,
disk_usage.
"""

import fnmatch as _fnmatch
import os as _os
import sys as _sys

__all__ = ['copyfileobj', 'copyfile', 'copymode', 'copystat', 'copy', 'copy2', 'copytree',
           'move', 'rmtree', 'Error', 'SameFileError', 'ignore_patterns', 'which',
           'get_terminal_size']


class Error(OSError):
    pass


class SameFileError(Error):
    pass


def copyfileobj(fsrc, fdst, length=0):
    if not length:
        length = 64 * 1024
    while True:
        buf = fsrc.read(length)
        if not buf:
            break
        fdst.write(buf)


def _same(src, dst):
    try:
        return _os.path.samefile(src, dst)
    except OSError:
        return _os.path.normcase(_os.path.abspath(src)) == \
            _os.path.normcase(_os.path.abspath(dst))


def copyfile(src, dst, *, follow_symlinks=True):
    src = _os.fspath(src)
    dst = _os.fspath(dst)
    if _same(src, dst):
        raise SameFileError('{!r} and {!r} are the same file'.format(src, dst))
    if _os.path.isdir(src):
        raise IsADirectoryError(21, 'Is a directory', src)
    with open(src, 'rb') as fsrc:
        data = fsrc.read()
    with open(dst, 'wb') as fdst:
        fdst.write(data)
    return dst


def copymode(src, dst, *, follow_symlinks=True):
    pass


def copystat(src, dst, *, follow_symlinks=True):
    pass


def copy(src, dst, *, follow_symlinks=True):
    dst = _os.fspath(dst)
    if _os.path.isdir(dst):
        dst = _os.path.join(dst, _os.path.basename(_os.fspath(src)))
    copyfile(src, dst, follow_symlinks=follow_symlinks)
    return dst


copy2 = copy


def ignore_patterns(*patterns):
    def _ignore(path, names):
        ignored = []
        for pattern in patterns:
            ignored.extend(_fnmatch.filter(names, pattern))
        return set(ignored)
    return _ignore


def copytree(src, dst, symlinks=False, ignore=None, copy_function=copy2,
             ignore_dangling_symlinks=False, dirs_exist_ok=False):
    src = _os.fspath(src)
    dst = _os.fspath(dst)
    names = _os.listdir(src)
    ignored = ignore(src, names) if ignore is not None else set()
    _os.makedirs(dst, exist_ok=dirs_exist_ok)
    errors = []
    for name in names:
        if name in ignored:
            continue
        s = _os.path.join(src, name)
        d = _os.path.join(dst, name)
        try:
            if _os.path.isdir(s):
                copytree(s, d, symlinks, ignore, copy_function, ignore_dangling_symlinks,
                         dirs_exist_ok)
            else:
                copy_function(s, d)
        except Error as err:
            errors.extend(err.args[0])
        except OSError as why:
            errors.append((s, d, str(why)))
    if errors:
        raise Error(errors)
    return dst


def rmtree(path, ignore_errors=False, onerror=None, *, dir_fd=None):
    path = _os.fspath(path)
    if ignore_errors:
        def onerror(*args):
            pass
    elif onerror is None:
        def onerror(*args):
            raise _sys.exc_info()[1]
    try:
        if _os.path.islink(path):
            raise OSError('Cannot call rmtree on a symbolic link')
    except OSError:
        onerror(_os.path.islink, path, _sys.exc_info())
        return
    try:
        names = _os.listdir(path)
    except OSError:
        onerror(_os.listdir, path, _sys.exc_info())
        return
    for name in names:
        full = _os.path.join(path, name)
        if _os.path.isdir(full) and not _os.path.islink(full):
            rmtree(full, ignore_errors, onerror)
        else:
            try:
                _os.remove(full)
            except OSError:
                onerror(_os.remove, full, _sys.exc_info())
    try:
        _os.rmdir(path)
    except OSError:
        onerror(_os.rmdir, path, _sys.exc_info())


def move(src, dst, copy_function=copy2):
    src = _os.fspath(src)
    dst = _os.fspath(dst)
    real_dst = dst
    if _os.path.isdir(dst):
        if _same(src, dst):
            _os.rename(src, dst)
            return dst
        real_dst = _os.path.join(dst, _os.path.basename(src.rstrip('/')))
        if _os.path.exists(real_dst):
            raise Error("Destination path '%s' already exists" % real_dst)
    try:
        _os.rename(src, real_dst)
    except OSError:
        if _os.path.isdir(src):
            copytree(src, real_dst, copy_function=copy_function, symlinks=True)
            rmtree(src)
        else:
            copy_function(src, real_dst)
            _os.remove(src)
    return real_dst


def which(cmd, mode=1, path=None):
    if _os.path.dirname(cmd):
        return cmd if _os.path.isfile(cmd) else None
    if path is None:
        path = _os.environ.get('PATH', _os.defpath)
    if not path:
        return None
    for d in path.split(_os.pathsep):
        name = _os.path.join(d, cmd)
        if _os.path.isfile(name):
            return name
    return None


def get_terminal_size(fallback=(80, 24)):
    try:
        columns = int(_os.environ['COLUMNS'])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(_os.environ['LINES'])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0:
        columns = fallback[0]
    if lines <= 0:
        lines = fallback[1]
    return _os.terminal_size((columns, lines)) if hasattr(_os, 'terminal_size') \
        else (columns, lines)
