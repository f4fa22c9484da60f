"""CPython stand-in for pyvgc's native `_pyvgc_os`, used only by the differential harness."""
import posix as _real


def getcwd(): return _real.getcwd()
def chdir(p): _real.chdir(p)
def listdir(p): return _real.listdir(p)
def mkdir(p): _real.mkdir(p)
def rmdir(p): _real.rmdir(p)
def remove(p): _real.remove(p)
def rename(a, b): _real.rename(a, b)
def environ(): return {k.decode(): v.decode() for k, v in _real.environ.items()}
def putenv(k, v): _real.putenv(k, v)
def unsetenv(k): _real.unsetenv(k)
def getpid(): return _real.getpid()
def cpu_count(): return 2
def urandom(n): return _real.urandom(n)


def _t(st):
    return (st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, st.st_size,
            st.st_atime, st.st_mtime, st.st_ctime)


def stat(p): return _t(_real.stat(p))
def lstat(p): return _t(_real.lstat(p))
