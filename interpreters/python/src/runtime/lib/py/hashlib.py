"""hashlib for pyvgc: md5, sha1, sha224, sha256, sha384, sha512 in pure Python.

Written for pyvgc from the published algorithm definitions (RFC 1321, FIPS 180-4); the round
constants are computed at import from their definitions (fractional parts of square and cube
roots of primes, |sin(i)|) rather than tabulated. Objects have update, digest, hexdigest, copy,
name, digest_size and block_size; new(name, data) and the module functions accept
`usedforsecurity`. Being pure Python, hashing is slow for large inputs (around a few hundred KB
per second). Left out: sha3_*, blake2*, shake_*, pbkdf2_hmac, scrypt, file_digest.
"""

import math as _math

__all__ = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'new',
           'algorithms_guaranteed', 'algorithms_available']

algorithms_guaranteed = {'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'}
algorithms_available = set(algorithms_guaranteed)

_M32 = 0xFFFFFFFF
_M64 = 0xFFFFFFFFFFFFFFFF


def _primes(n):
    out = []
    k = 2
    while len(out) < n:
        if all(k % p for p in out if p * p <= k):
            out.append(k)
        k += 1
    return out


def _icbrt(n):
    x = 1 << ((n.bit_length() + 2) // 3)
    while True:
        y = (2 * x + n // (x * x)) // 3
        if y >= x:
            break
        x = y
    while x * x * x > n:
        x -= 1
    while (x + 1) ** 3 <= n:
        x += 1
    return x


_P = _primes(80)
_K256 = [_icbrt(p << 96) & _M32 for p in _P[:64]]
_K512 = [_icbrt(p << 192) & _M64 for p in _P]
_H256 = [_math.isqrt(p << 64) & _M32 for p in _P[:8]]
_H512 = [_math.isqrt(p << 128) & _M64 for p in _P[:8]]
_H384 = [_math.isqrt(p << 128) & _M64 for p in _P[8:16]]
_H224 = [h & _M32 for h in _H384]
_KMD5 = [int(abs(_math.sin(i + 1)) * 4294967296) & _M32 for i in range(64)]
_SMD5 = [7, 12, 17, 22] * 4 + [5, 9, 14, 20] * 4 + [4, 11, 16, 23] * 4 + [6, 10, 15, 21] * 4


def _to_bytes(data):
    if isinstance(data, str):
        raise TypeError('Strings must be encoded before hashing')
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    raise TypeError("object supporting the buffer API required")


class _Hash:
    """Buffers input and feeds whole blocks to the compression function."""

    def __init__(self, data=b''):
        self._state = list(self._initial)
        self._buf = b''
        self._length = 0
        if data:
            self.update(data)

    def update(self, data):
        data = _to_bytes(data)
        self._length += len(data)
        buf = self._buf + data
        bs = self.block_size
        n = len(buf) - len(buf) % bs
        for i in range(0, n, bs):
            self._compress(buf[i:i + bs])
        self._buf = buf[n:]

    def copy(self):
        other = object.__new__(type(self))
        other._state = list(self._state)
        other._buf = self._buf
        other._length = self._length
        return other

    def _padded_tail(self):
        bs = self.block_size
        lenbytes = 16 if bs == 128 else 8
        bits = self._length * 8
        tail = self._buf + b'\x80'
        tail += b'\x00' * ((bs - lenbytes - len(tail)) % bs)
        tail += bits.to_bytes(lenbytes, self._order)
        return tail

    def digest(self):
        h = self.copy()
        tail = h._padded_tail()
        for i in range(0, len(tail), h.block_size):
            h._compress(tail[i:i + h.block_size])
        word = 8 if h.block_size == 128 else 4
        out = b''.join(v.to_bytes(word, h._order) for v in h._state)
        return out[:h.digest_size]

    def hexdigest(self):
        return self.digest().hex()

    def __repr__(self):
        return '<%s _hashlib.HASH object @ %s>' % (self.name, hex(id(self)))


def _rotl32(x, n):
    return ((x << n) | (x >> (32 - n))) & _M32


def _rotr32(x, n):
    return ((x >> n) | (x << (32 - n))) & _M32


def _rotr64(x, n):
    return ((x >> n) | (x << (64 - n))) & _M64


class _MD5(_Hash):
    name = 'md5'
    digest_size = 16
    block_size = 64
    _order = 'little'
    _initial = (0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476)

    def _compress(self, block):
        m = [int.from_bytes(block[i:i + 4], 'little') for i in range(0, 64, 4)]
        a, b, c, d = self._state
        for i in range(64):
            if i < 16:
                f = (b & c) | (~b & d)
                g = i
            elif i < 32:
                f = (d & b) | (~d & c)
                g = (5 * i + 1) % 16
            elif i < 48:
                f = b ^ c ^ d
                g = (3 * i + 5) % 16
            else:
                f = c ^ (b | (~d & _M32))
                g = (7 * i) % 16
            f = (f + a + _KMD5[i] + m[g]) & _M32
            a, d, c = d, c, b
            b = (b + _rotl32(f, _SMD5[i])) & _M32
        s = self._state
        self._state = [(s[0] + a) & _M32, (s[1] + b) & _M32, (s[2] + c) & _M32,
                       (s[3] + d) & _M32]


class _SHA1(_Hash):
    name = 'sha1'
    digest_size = 20
    block_size = 64
    _order = 'big'
    _initial = (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0)

    def _compress(self, block):
        w = [int.from_bytes(block[i:i + 4], 'big') for i in range(0, 64, 4)]
        for i in range(16, 80):
            w.append(_rotl32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1))
        a, b, c, d, e = self._state
        for i in range(80):
            if i < 20:
                f = (b & c) | (~b & d)
                k = 0x5A827999
            elif i < 40:
                f = b ^ c ^ d
                k = 0x6ED9EBA1
            elif i < 60:
                f = (b & c) | (b & d) | (c & d)
                k = 0x8F1BBCDC
            else:
                f = b ^ c ^ d
                k = 0xCA62C1D6
            t = (_rotl32(a, 5) + (f & _M32) + e + k + w[i]) & _M32
            a, b, c, d, e = t, a, _rotl32(b, 30), c, d
        self._state = [(x + y) & _M32 for x, y in zip(self._state, (a, b, c, d, e))]


class _SHA256(_Hash):
    name = 'sha256'
    digest_size = 32
    block_size = 64
    _order = 'big'
    _initial = tuple(_H256)

    def _compress(self, block):
        w = [int.from_bytes(block[i:i + 4], 'big') for i in range(0, 64, 4)]
        for i in range(16, 64):
            s0 = _rotr32(w[i - 15], 7) ^ _rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3)
            s1 = _rotr32(w[i - 2], 17) ^ _rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w.append((w[i - 16] + s0 + w[i - 7] + s1) & _M32)
        a, b, c, d, e, f, g, h = self._state
        for i in range(64):
            s1 = _rotr32(e, 6) ^ _rotr32(e, 11) ^ _rotr32(e, 25)
            ch = (e & f) ^ (~e & g)
            t1 = (h + s1 + ch + _K256[i] + w[i]) & _M32
            s0 = _rotr32(a, 2) ^ _rotr32(a, 13) ^ _rotr32(a, 22)
            maj = (a & b) ^ (a & c) ^ (b & c)
            t2 = (s0 + maj) & _M32
            h, g, f, e, d, c, b, a = g, f, e, (d + t1) & _M32, c, b, a, (t1 + t2) & _M32
        self._state = [(x + y) & _M32 for x, y in zip(self._state, (a, b, c, d, e, f, g, h))]


class _SHA224(_SHA256):
    name = 'sha224'
    digest_size = 28
    _initial = tuple(_H224)


class _SHA512(_Hash):
    name = 'sha512'
    digest_size = 64
    block_size = 128
    _order = 'big'
    _initial = tuple(_H512)

    def _compress(self, block):
        w = [int.from_bytes(block[i:i + 8], 'big') for i in range(0, 128, 8)]
        for i in range(16, 80):
            s0 = _rotr64(w[i - 15], 1) ^ _rotr64(w[i - 15], 8) ^ (w[i - 15] >> 7)
            s1 = _rotr64(w[i - 2], 19) ^ _rotr64(w[i - 2], 61) ^ (w[i - 2] >> 6)
            w.append((w[i - 16] + s0 + w[i - 7] + s1) & _M64)
        a, b, c, d, e, f, g, h = self._state
        for i in range(80):
            s1 = _rotr64(e, 14) ^ _rotr64(e, 18) ^ _rotr64(e, 41)
            ch = (e & f) ^ (~e & g)
            t1 = (h + s1 + ch + _K512[i] + w[i]) & _M64
            s0 = _rotr64(a, 28) ^ _rotr64(a, 34) ^ _rotr64(a, 39)
            maj = (a & b) ^ (a & c) ^ (b & c)
            t2 = (s0 + maj) & _M64
            h, g, f, e, d, c, b, a = g, f, e, (d + t1) & _M64, c, b, a, (t1 + t2) & _M64
        self._state = [(x + y) & _M64 for x, y in zip(self._state, (a, b, c, d, e, f, g, h))]


class _SHA384(_SHA512):
    name = 'sha384'
    digest_size = 48
    _initial = tuple(_H384)


_CLASSES = {'md5': _MD5, 'sha1': _SHA1, 'sha224': _SHA224, 'sha256': _SHA256,
            'sha384': _SHA384, 'sha512': _SHA512}


def new(name, data=b'', **kwargs):
    cls = _CLASSES.get(name.lower()) if isinstance(name, str) else None
    if cls is None:
        raise ValueError('unsupported hash type ' + str(name))
    return cls(data)


def md5(data=b'', *, usedforsecurity=True):
    return _MD5(data)


def sha1(data=b'', *, usedforsecurity=True):
    return _SHA1(data)


def sha224(data=b'', *, usedforsecurity=True):
    return _SHA224(data)


def sha256(data=b'', *, usedforsecurity=True):
    return _SHA256(data)


def sha384(data=b'', *, usedforsecurity=True):
    return _SHA384(data)


def sha512(data=b'', *, usedforsecurity=True):
    return _SHA512(data)
