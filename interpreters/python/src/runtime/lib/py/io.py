"""pyvgc's bundled `io`: StringIO and BytesIO in-memory streams (the common methods), and
`open` as the builtin. Written for pyvgc after CPython 3.11's documented behaviour."""

__all__ = ['StringIO', 'BytesIO', 'open', 'UnsupportedOperation', 'SEEK_SET', 'SEEK_CUR',
           'SEEK_END']

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

open = open


class UnsupportedOperation(OSError, ValueError):
    pass


class _Memory:
    def __init__(self):
        self._closed = False

    @property
    def closed(self):
        return self._closed

    _closed_message = 'I/O operation on closed file'

    def _check(self):
        if self._closed:
            raise ValueError(self._closed_message)

    def close(self):
        self._closed = True

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def isatty(self):
        self._check()
        return False

    def flush(self):
        self._check()

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError('Negative seek position %d' % pos)
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = len(self._buf)
        else:
            raise ValueError('Invalid whence (%d, should be 0, 1 or 2)' % whence)
        return self._pos

    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            size = len(self._buf)
        data = self._buf[self._pos:self._pos + size]
        self._pos = min(len(self._buf), self._pos + size) if self._pos < len(self._buf) else self._pos
        return data

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError('Negative size value %d' % size)
        self._buf = self._buf[:size]
        return size

    def getvalue(self):
        self._check()
        return self._buf


class StringIO(_Memory):
    """Text I/O implementation using an in-memory buffer."""

    def __init__(self, initial_value='', newline='\n'):
        super().__init__()
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError('initial_value must be str or None, not %s' % type(initial_value).__name__)
        self._newline = newline
        self._buf = ''
        self._pos = 0
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError('string argument expected, got %r' % type(s).__name__)
        if self._newline is None or self._newline == '':
            text = s if self._newline == '' else s.replace('\r\n', '\n').replace('\r', '\n')
        elif self._newline != '\n':
            text = s.replace('\n', self._newline)
        else:
            text = s
        n = len(s)
        buf = self._buf
        if self._pos > len(buf):
            buf = buf + '\0' * (self._pos - len(buf))
        self._buf = buf[:self._pos] + text + buf[self._pos + len(text):]
        self._pos += len(text)
        return n

    def readline(self, size=-1):
        self._check()
        buf = self._buf
        end = buf.find('\n', self._pos)
        end = len(buf) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        line = buf[self._pos:end]
        self._pos = max(self._pos, end)
        return line

    def __repr__(self):
        return '<_io.StringIO object at 0x%x>' % id(self)


class BytesIO(_Memory):
    """Buffered I/O implementation using an in-memory bytes buffer."""

    _closed_message = 'I/O operation on closed file.'

    def __init__(self, initial_bytes=b''):
        super().__init__()
        self._buf = bytes(initial_bytes or b'')
        self._pos = 0

    def write(self, b):
        self._check()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = bytes(b)
        buf = self._buf
        if self._pos > len(buf):
            buf = buf + b'\0' * (self._pos - len(buf))
        self._buf = buf[:self._pos] + data + buf[self._pos + len(data):]
        self._pos += len(data)
        return len(data)

    def readline(self, size=-1):
        self._check()
        buf = self._buf
        end = buf.find(b'\n', self._pos)
        end = len(buf) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        line = buf[self._pos:end]
        self._pos = max(self._pos, end)
        return line

    def getbuffer(self):
        return memoryview(self._buf)
