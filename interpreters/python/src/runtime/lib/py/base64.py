"""base64 for pyvgc: Base16, Base32, Base64 (standard and URL-safe) and Ascii85/Base85.

Written for pyvgc from RFC 4648 and CPython 3.11's documented API: b64encode/b64decode (altchars,
validate), standard_/urlsafe_ variants, b32encode/b32decode (casefold, map01), b32hex*,
b16encode/b16decode, a85encode/a85decode, b85encode/b85decode, encodebytes/decodebytes, with
binascii.Error (a ValueError subclass) for bad input as CPython raises. Left out: the
file-object helpers encode()/decode() and Ascii85's wrapcol/adobe options.
"""

__all__ = ['encode', 'decode', 'encodebytes', 'decodebytes', 'b64encode', 'b64decode',
           'b32encode', 'b32decode', 'b32hexencode', 'b32hexdecode', 'b16encode', 'b16decode',
           'b85encode', 'b85decode', 'a85encode', 'a85decode', 'standard_b64encode',
           'standard_b64decode', 'urlsafe_b64encode', 'urlsafe_b64decode']


class Error(ValueError):
    pass


class _Binascii:
    Error = Error


binascii = _Binascii()

_B64 = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
_B32 = b'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
_B32HEX = b'0123456789ABCDEFGHIJKLMNOPQRSTUV'
_B85 = (b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
        b'!#$%&()*+-;<=>?@^_`{|}~')


def _bytes_from_encode_arg(s):
    if isinstance(s, (bytes, bytearray)):
        return bytes(s)
    raise TypeError("a bytes-like object is required, not '%s'" % type(s).__name__)


def _bytes_from_decode_arg(s):
    if isinstance(s, str):
        try:
            return s.encode('ascii')
        except UnicodeEncodeError:
            raise ValueError('string argument should contain only ASCII characters')
    if isinstance(s, (bytes, bytearray)):
        return bytes(s)
    raise TypeError('argument should be a bytes-like object or ASCII string, not %r'
                    % type(s).__name__)


def b64encode(s, altchars=None):
    s = _bytes_from_encode_arg(s)
    out = bytearray()
    for i in range(0, len(s) - len(s) % 3, 3):
        n = (s[i] << 16) | (s[i + 1] << 8) | s[i + 2]
        out += bytes([_B64[n >> 18], _B64[(n >> 12) & 63], _B64[(n >> 6) & 63], _B64[n & 63]])
    rest = len(s) % 3
    if rest == 1:
        n = s[-1] << 16
        out += bytes([_B64[n >> 18], _B64[(n >> 12) & 63]]) + b'=='
    elif rest == 2:
        n = (s[-2] << 16) | (s[-1] << 8)
        out += bytes([_B64[n >> 18], _B64[(n >> 12) & 63], _B64[(n >> 6) & 63]]) + b'='
    out = bytes(out)
    if altchars is not None:
        altchars = _bytes_from_encode_arg(altchars)
        out = out.translate(bytes.maketrans(b'+/', altchars[:2]))
    return out


def b64decode(s, altchars=None, validate=False):
    s = _bytes_from_decode_arg(s)
    if altchars is not None:
        altchars = _bytes_from_decode_arg(altchars)
        s = s.translate(bytes.maketrans(altchars[:2], b'+/'))
    values = []
    pad = 0
    for c in s:
        if c == 61:  # '='
            pad += 1
            if len(values) % 4 in (0, 1) or pad > 2:
                if validate and len(values) % 4 == 0 and pad == 1:
                    raise Error('Excess padding not allowed' if values else
                                'Leading padding not allowed')
                if len(values) % 4 == 1:
                    break
            if len(values) % 4 + pad >= 4:
                break
            continue
        i = _B64.find(bytes([c]))
        if i < 0:
            if validate:
                raise Error('Only base64 data is allowed')
            continue
        if pad:
            if validate:
                raise Error('Discontinuous padding not allowed')
            pad = 0
        values.append(i)
    r = len(values) % 4
    if r == 1:
        raise Error('Invalid base64-encoded string: number of data characters (%d) cannot be '
                    '1 more than a multiple of 4' % len(values))
    if r and len(values) % 4 + pad < 4:
        raise Error('Incorrect padding')
    out = bytearray()
    for i in range(0, len(values) - r, 4):
        n = (values[i] << 18) | (values[i + 1] << 12) | (values[i + 2] << 6) | values[i + 3]
        out += bytes([n >> 16, (n >> 8) & 255, n & 255])
    if r == 2:
        n = (values[-2] << 18) | (values[-1] << 12)
        out.append(n >> 16)
    elif r == 3:
        n = (values[-3] << 18) | (values[-2] << 12) | (values[-1] << 6)
        out += bytes([n >> 16, (n >> 8) & 255])
    return bytes(out)


def standard_b64encode(s):
    return b64encode(s)


def standard_b64decode(s):
    return b64decode(s)


def urlsafe_b64encode(s):
    return b64encode(s).translate(bytes.maketrans(b'+/', b'-_'))


def urlsafe_b64decode(s):
    s = _bytes_from_decode_arg(s)
    return b64decode(s.translate(bytes.maketrans(b'-_', b'+/')))


def encodebytes(s):
    s = _bytes_from_encode_arg(s)
    out = []
    for i in range(0, len(s), 57):
        out.append(b64encode(s[i:i + 57]) + b'\n')
    return b''.join(out)


def decodebytes(s):
    return b64decode(_bytes_from_encode_arg(s))


def _b32encode(alphabet, s):
    s = _bytes_from_encode_arg(s)
    out = bytearray()
    for i in range(0, len(s), 5):
        chunk = s[i:i + 5]
        n = int.from_bytes(chunk + bytes(5 - len(chunk)), 'big')
        chars = bytes(alphabet[(n >> (35 - 5 * k)) & 31] for k in range(8))
        used = {0: 0, 1: 2, 2: 4, 3: 5, 4: 7, 5: 8}[len(chunk)]
        out += chars[:used] + b'=' * (8 - used)
    return bytes(out)


def _b32decode(alphabet, s, casefold=False, map01=None):
    s = _bytes_from_decode_arg(s)
    if len(s) % 8:
        raise Error('Incorrect padding')
    if map01 is not None:
        map01 = _bytes_from_decode_arg(map01)
        s = s.translate(bytes.maketrans(b'01', b'O' + map01))
    if casefold:
        s = s.upper()
    stripped = s.rstrip(b'=')
    padchars = len(s) - len(stripped)
    out = bytearray()
    for i in range(0, len(stripped), 8):
        block = stripped[i:i + 8]
        n = 0
        for c in block:
            v = alphabet.find(bytes([c]))
            if v < 0:
                raise Error('Non-base32 digit found')
            n = (n << 5) | v
        n <<= 5 * (8 - len(block))
        out += n.to_bytes(5, 'big')
    if padchars:
        keep = {0: 5, 1: 4, 3: 3, 4: 2, 6: 1}.get(padchars)
        if keep is None:
            raise Error('Incorrect padding')
        out = out[:len(out) - 5 + keep]
    return bytes(out)


def b32encode(s):
    return _b32encode(_B32, s)


def b32decode(s, casefold=False, map01=None):
    return _b32decode(_B32, s, casefold, map01)


def b32hexencode(s):
    return _b32encode(_B32HEX, s)


def b32hexdecode(s, casefold=False):
    return _b32decode(_B32HEX, s, casefold)


def b16encode(s):
    return _bytes_from_encode_arg(s).hex().upper().encode('ascii')


def b16decode(s, casefold=False):
    s = _bytes_from_decode_arg(s)
    if casefold:
        s = s.upper()
    if any(c not in b'0123456789ABCDEF' for c in s):
        raise Error('Non-base16 digit found')
    if len(s) % 2:
        raise Error('Odd-length string')
    return bytes.fromhex(s.decode('ascii'))


def _85encode(b, chars, pad, foldspaces):
    b = _bytes_from_encode_arg(b)
    padding = (-len(b)) % 4
    data = b + b'\0' * padding
    out = bytearray()
    for i in range(0, len(data), 4):
        word = int.from_bytes(data[i:i + 4], 'big')
        if foldspaces is not None and word == 0 and foldspaces[0]:
            out += b'z'
            continue
        if foldspaces is not None and word == 0x20202020 and foldspaces[1]:
            out += b'y'
            continue
        digits = []
        for _ in range(5):
            word, r = divmod(word, 85)
            digits.append(chars[r])
        out += bytes(reversed(digits))
    if padding and not pad:
        if out[-1:] == b'z':
            out = out[:-1] + chars[0:1] * 5
        out = out[:len(out) - padding]
    return bytes(out)


def a85encode(b, *, foldspaces=False, wrapcol=0, pad=False, adobe=False):
    if wrapcol or adobe:
        raise NotImplementedError('pyvgc: a85encode wrapcol/adobe are not supported')
    chars = bytes(range(33, 118))
    return _85encode(b, chars, pad, (True, foldspaces))


def a85decode(b, *, foldspaces=False, adobe=False, ignorechars=b' \t\n\r\v'):
    if adobe:
        raise NotImplementedError('pyvgc: a85decode adobe is not supported')
    b = _bytes_from_decode_arg(b)
    out = bytearray()
    group = []
    for c in b:
        if 33 <= c <= 117:
            group.append(c - 33)
            if len(group) == 5:
                n = 0
                for d in group:
                    n = n * 85 + d
                if n > 0xFFFFFFFF:
                    raise ValueError('Ascii85 overflow')
                out += n.to_bytes(4, 'big')
                group = []
        elif c == 122:  # 'z'
            if group:
                raise ValueError('z inside Ascii85 5-tuple')
            out += b'\0\0\0\0'
        elif foldspaces and c == 121:  # 'y'
            if group:
                raise ValueError('y inside Ascii85 5-tuple')
            out += b'    '
        elif c in ignorechars:
            continue
        else:
            raise ValueError('Non-Ascii85 digit found: %c' % c)
    if group:
        padding = 5 - len(group)
        group += [84] * padding
        n = 0
        for d in group:
            n = n * 85 + d
        out += n.to_bytes(4, 'big')[:4 - padding]
    return bytes(out)


def b85encode(b, pad=False):
    return _85encode(b, _B85, pad, None)


def b85decode(b):
    b = _bytes_from_decode_arg(b)
    padding = (-len(b)) % 5
    b = b + b'~' * padding
    out = bytearray()
    for i in range(0, len(b), 5):
        n = 0
        for j, c in enumerate(b[i:i + 5]):
            v = _B85.find(bytes([c]))
            if v < 0:
                raise ValueError('bad base85 character at position %d' % (i + j))
            n = n * 85 + v
        if n > 0xFFFFFFFF:
            raise ValueError('base85 overflow in hunk starting at byte %d' % i)
        out += n.to_bytes(4, 'big')
    if padding:
        out = out[:-padding]
    return bytes(out)
