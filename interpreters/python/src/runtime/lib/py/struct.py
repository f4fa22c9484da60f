"""struct for pyvgc: pack/unpack/calcsize/iter_unpack/pack_into/unpack_from and Struct.

Written for pyvgc after CPython 3.11's documented behaviour: byte orders @ = < > !, native sizes
and alignment of x86-64 Linux for '@', the codes x c b B ? h H i I l L q Q n N e f d s p P, repeat
counts, and CPython's struct.error messages for the common mistakes. Floats are converted to
IEEE 754 bits in Python (round half to even for 'f' and 'e', OverflowError past their range).
Left out: pack_into/unpack_from on memoryview (there is none; bytearray works).
"""

import math as _math

__all__ = ['calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from', 'iter_unpack', 'Struct',
           'error']


class error(Exception):
    pass


# code: (standard size, native size, native alignment)
_SIZES = {
    'x': (1, 1, 1), 'c': (1, 1, 1), 'b': (1, 1, 1), 'B': (1, 1, 1), '?': (1, 1, 1),
    'h': (2, 2, 2), 'H': (2, 2, 2), 'i': (4, 4, 4), 'I': (4, 4, 4), 'l': (4, 8, 8),
    'L': (4, 8, 8), 'q': (8, 8, 8), 'Q': (8, 8, 8), 'n': (None, 8, 8), 'N': (None, 8, 8),
    'e': (2, 2, 2), 'f': (4, 4, 4), 'd': (8, 8, 8), 's': (1, 1, 1), 'p': (1, 1, 1),
    'P': (None, 8, 8),
}
_SIGNED = 'bhilqn'
_UNSIGNED = 'BHILQNP'


def _parse(fmt):
    """(byte order, native?, [(code, count, size, offset)], total size)."""
    if isinstance(fmt, bytes):
        fmt = fmt.decode('ascii')
    if not isinstance(fmt, str):
        raise TypeError('Struct() argument 1 must be a str or bytes object, not %s'
                        % type(fmt).__name__)
    order = '@'
    i = 0
    if fmt and fmt[0] in '@=<>!':
        order = fmt[0]
        i = 1
    native = order == '@'
    items = []
    offset = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c.isspace():
            i += 1
            continue
        count = 1
        if c.isdigit():
            j = i
            while j < n and fmt[j].isdigit():
                j += 1
            count = int(fmt[i:j])
            if j >= n:
                raise error('repeat count given without format specifier')
            i = j
            c = fmt[i]
        i += 1
        if c not in _SIZES:
            raise error('bad char in struct format')
        std, nsize, align = _SIZES[c]
        if native:
            size = nsize
            if align > 1:
                offset = (offset + align - 1) // align * align
        else:
            if std is None:
                raise error('bad char in struct format')
            size = std
        if c in 'sp':
            items.append((c, count, count, offset))
            offset += count
        elif c == 'x':
            offset += count
        else:
            for _ in range(count):
                items.append((c, 1, size, offset))
                offset += size
    return order, native, items, offset


def _byteorder(order):
    return 'big' if order in '>!' else 'little'


def _index(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if hasattr(type(v), '__index__'):
        return type(v).__index__(v)
    raise error('required argument is not an integer')


def _range_error(code, order, size, v):
    lo_s, hi_s = -(1 << (8 * size - 1)), (1 << (8 * size - 1)) - 1
    hi_u = (1 << (8 * size)) - 1
    unsigned = code in _UNSIGNED
    # CPython converts through C long, or C unsigned long for the wide unsigned codes (and
    # big-endian 'H'); a value that conversion rejects gets the generic message.
    via_ulong = code in 'ILQNP' or (code == 'H' and order in '>!')
    if (via_ulong and not 0 <= v < (1 << 64)) or \
            (not via_ulong and not -(1 << 63) <= v < (1 << 63)):
        if code in 'qQ' and order in '>!':
            return error('int too large to convert')
        return error('argument out of range')
    if code == 'b':
        return error('byte format requires -128 <= number <= 127')
    if code == 'B':
        return error('ubyte format requires 0 <= number <= 255')
    if code in 'hH' and order not in '>!':
        if code == 'h':
            return error('short format requires -32768 <= number <= 32767')
        return error('ushort format requires 0 <= number <= 65535')
    if code in 'qQnN' or (code in 'lL' and size == 8):
        return error('argument out of range')
    if unsigned:
        return error("'%s' format requires 0 <= number <= %d" % (code, hi_u))
    return error("'%s' format requires %d <= number <= %d" % (code, lo_s, hi_s))


def _float_bits(x, ebits, mbits, code):
    """IEEE 754 bits of x in a format with ebits exponent and mbits fraction bits."""
    bias = (1 << (ebits - 1)) - 1
    sign = 1 if _math.copysign(1.0, x) < 0 else 0
    x = abs(x)
    if _math.isnan(x):
        return (sign << (ebits + mbits)) | (((1 << ebits) - 1) << mbits) | (1 << (mbits - 1))
    if _math.isinf(x):
        return (sign << (ebits + mbits)) | (((1 << ebits) - 1) << mbits)
    if x == 0.0:
        return sign << (ebits + mbits)
    m, e = _math.frexp(x)  # x = m * 2**e, 0.5 <= m < 1
    # As an exact ratio: x = num / den.
    num, den = x.as_integer_ratio()
    exp = e - 1  # x = 1.f * 2**exp
    if exp < 1 - bias:
        # Subnormal: fraction = x / 2**(1 - bias - mbits), rounded half to even.
        shift = bias - 1 + mbits
        frac = _round_ratio(num << shift, den) if shift >= 0 else _round_ratio(num, den << -shift)
        if frac >> mbits:
            return (sign << (ebits + mbits)) | (1 << mbits)
        return (sign << (ebits + mbits)) | frac
    shift = mbits - exp
    if shift >= 0:
        full = _round_ratio(num << shift, den)
    else:
        full = _round_ratio(num, den << -shift)
    if full >> (mbits + 1):
        full >>= 1
        exp += 1
    if exp + bias >= (1 << ebits) - 1:
        raise OverflowError('float too large to pack with %s format' % code)
    return (sign << (ebits + mbits)) | ((exp + bias) << mbits) | (full & ((1 << mbits) - 1))


def _round_ratio(num, den):
    q, r = divmod(num, den)
    if 2 * r > den or (2 * r == den and q & 1):
        q += 1
    return q


def _bits_float(bits, ebits, mbits):
    bias = (1 << (ebits - 1)) - 1
    sign = -1.0 if bits >> (ebits + mbits) else 1.0
    e = (bits >> mbits) & ((1 << ebits) - 1)
    f = bits & ((1 << mbits) - 1)
    if e == (1 << ebits) - 1:
        return sign * _math.inf if f == 0 else _math.nan
    if e == 0:
        return sign * _math.ldexp(f, 1 - bias - mbits)
    return sign * _math.ldexp(f | (1 << mbits), e - bias - mbits)


_FLOAT_LAYOUT = {'e': (5, 10), 'f': (8, 23), 'd': (11, 52)}


def _pack_one(code, count, size, order, v):
    bo = _byteorder(order)
    if code == 's' or code == 'p':
        if not isinstance(v, (bytes, bytearray)):
            raise error("argument for '%s' must be a bytes object" % code)
        v = bytes(v)
        if code == 'p':
            if count == 0:
                return b''
            data = v[:count - 1]
            return bytes([min(len(data), 255)]) + data + bytes(count - 1 - len(data))
        data = v[:count]
        return data + bytes(count - len(data))
    if code == 'c':
        if not isinstance(v, (bytes, bytearray)) or len(v) != 1:
            raise error('char format requires a bytes object of length 1')
        return bytes(v)
    if code == '?':
        return b'\x01' if v else b'\x00'
    if code in _FLOAT_LAYOUT:
        if not isinstance(v, (int, float)):
            if hasattr(type(v), '__float__'):
                v = float(v)
            else:
                raise error('required argument is not a float')
        ebits, mbits = _FLOAT_LAYOUT[code]
        return _float_bits(float(v), ebits, mbits, code).to_bytes(size, bo)
    v = _index(v)
    signed = code in _SIGNED
    if signed:
        ok = -(1 << (8 * size - 1)) <= v < (1 << (8 * size - 1))
    else:
        ok = 0 <= v < (1 << (8 * size))
    if not ok:
        raise _range_error(code, order, size, v)
    return v.to_bytes(size, bo, signed=signed)


def _unpack_one(code, count, size, order, data):
    bo = _byteorder(order)
    if code == 's':
        return bytes(data)
    if code == 'p':
        if count == 0:
            return b''
        n = min(data[0], count - 1)
        return bytes(data[1:1 + n])
    if code == 'c':
        return bytes(data)
    if code == '?':
        return data[0] != 0
    if code in _FLOAT_LAYOUT:
        ebits, mbits = _FLOAT_LAYOUT[code]
        return _bits_float(int.from_bytes(data, bo), ebits, mbits)
    return int.from_bytes(data, bo, signed=code in _SIGNED)


class Struct:
    """A compiled struct format."""

    def __init__(self, format):
        self._order, _, self._items, self._size = _parse(format)
        self._format = format.decode('ascii') if isinstance(format, bytes) else format

    @property
    def format(self):
        return self._format

    @property
    def size(self):
        return self._size

    def pack(self, *values):
        if len(values) != len(self._items):
            raise error('pack expected %d items for packing (got %d)'
                        % (len(self._items), len(values)))
        out = bytearray(self._size)
        for (code, count, size, offset), v in zip(self._items, values):
            out[offset:offset + size] = _pack_one(code, count, size, self._order, v)
        return bytes(out)

    def pack_into(self, buffer, offset, *values):
        data = self.pack(*values)
        if offset < 0:
            if offset + len(buffer) < 0:
                raise error('offset %d out of range for %d-byte buffer' % (offset, len(buffer)))
            offset += len(buffer)
        if len(buffer) - offset < self._size:
            raise error('pack_into requires a buffer of at least %d bytes for packing %d bytes '
                        'at offset %d (actual buffer size is %d)'
                        % (self._size + offset, self._size, offset, len(buffer)))
        buffer[offset:offset + self._size] = data

    def _unpack(self, data):
        return tuple(_unpack_one(code, count, size, self._order, data[off:off + size])
                     for code, count, size, off in self._items)

    def unpack(self, buffer):
        if len(buffer) != self._size:
            raise error('unpack requires a buffer of %d bytes' % self._size)
        return self._unpack(bytes(buffer))

    def unpack_from(self, buffer, offset=0):
        if offset < 0:
            offset += len(buffer)
        if len(buffer) - offset < self._size:
            raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d '
                        'bytes at offset %d (actual buffer size is %d)'
                        % (self._size + offset, self._size, offset, len(buffer)))
        return self._unpack(bytes(buffer[offset:offset + self._size]))

    def iter_unpack(self, buffer):
        if self._size == 0:
            raise error('cannot iteratively unpack with a struct of length 0')
        if len(buffer) % self._size:
            raise error('iterative unpacking requires a buffer of a multiple of %d bytes'
                        % self._size)
        data = bytes(buffer)
        return (self._unpack(data[i:i + self._size]) for i in range(0, len(data), self._size))

    def __repr__(self):
        return 'Struct(%r)' % (self._format,)


_cache = {}


def _struct(fmt):
    s = _cache.get(fmt)
    if s is None:
        if len(_cache) > 100:
            _cache.clear()
        s = _cache[fmt] = Struct(fmt)
    return s


def calcsize(format):
    return _struct(format).size


def pack(format, *values):
    return _struct(format).pack(*values)


def pack_into(format, buffer, offset, *values):
    return _struct(format).pack_into(buffer, offset, *values)


def unpack(format, buffer):
    return _struct(format).unpack(buffer)


def unpack_from(format, buffer, offset=0):
    return _struct(format).unpack_from(buffer, offset)


def iter_unpack(format, buffer):
    return _struct(format).iter_unpack(buffer)
