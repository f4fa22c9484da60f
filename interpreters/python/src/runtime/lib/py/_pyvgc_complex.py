"""complex numbers for pyvgc.

The built-in class `complex` is created by the runtime with an empty namespace; the first
imaginary literal or call of `complex(...)` loads this module, which installs the methods below
on it (`_install`). Instances keep their parts in `_re` and `_im` (floats). Arithmetic follows
CPython's C code rule for rule (`_Py_c_prod`, `_Py_c_quot` with Smith's scaling, `c_powu`/`c_powi`
for integral exponents up to 100, `_Py_c_pow` otherwise), so results and their repr match
CPython's digit for digit; mixed operands (int, float, bool) are converted to complex first, as
CPython does. Left out: format specs with fill/alignment/`#`/`z`/`=`, and `vars()` of a complex
shows `_re`/`_im` (CPython's complex has no `__dict__`). `float_pow` gives the complex result of a
negative float to a fractional power.
"""

import math as _math

complex = None


def _part(x):
    return float(x)


def _make(re, im):
    z = object.__new__(complex)
    z._re = re
    z._im = im
    return z


def _as_complex(x):
    # The complex value of an operand, or None for a type complex arithmetic does not accept.
    if type(x) is complex:
        return x._re, x._im
    if isinstance(x, (int, float)):
        return float(x), 0.0
    return None


def _float_repr(x, sign):
    # PyOS_double_to_string(x, 'r', 0, sign ? Py_DTSF_SIGN : 0): repr without the '.0'.
    s = repr(x)
    if s.endswith('.0'):
        s = s[:-2]
    if sign and not s.startswith('-'):
        s = '+' + s
    return s


def _parse(s):
    text = s.strip()
    if text.startswith('(') and text.endswith(')'):
        text = text[1:-1].strip()
    bad = ValueError('complex() arg is a malformed string')
    if not text or ' ' in text:
        raise bad
    if text[-1] in 'jJ':
        body = text[:-1]
        # Split at the last sign that is not part of an exponent.
        cut = -1
        for i in range(len(body) - 1, 0, -1):
            if body[i] in '+-' and body[i - 1] not in 'eE':
                cut = i
                break
        if cut == -1:
            re_text, im_text = '', body
        else:
            re_text, im_text = body[:cut], body[cut:]
        if im_text in ('', '+'):
            im_text = '1'
        elif im_text == '-':
            im_text = '-1'
        try:
            re = float(re_text) if re_text else 0.0
            im = float(im_text)
        except ValueError:
            raise bad from None
        return re, im
    try:
        return float(text), 0.0
    except ValueError:
        raise bad from None


def _new(real=0, imag=0):
    if type(real) is str:
        if imag != 0 or type(imag) is not int:
            raise TypeError("complex() can't take second arg if first is a string")
        return _make(*_parse(real))
    if type(imag) is str:
        raise TypeError("complex() second arg can't be a string")
    r = _as_complex(real)
    if r is None:
        f = getattr(type(real), '__complex__', None)
        if f is not None:
            r = _as_complex(f(real))
        if r is None:
            raise TypeError("complex() first argument must be a string or a number, not '%s'"
                            % type(real).__name__)
    i = _as_complex(imag)
    if i is None:
        raise TypeError("complex() second argument must be a number, not '%s'"
                        % type(imag).__name__)
    # complex(a, b) is a + b*1j; as CPython, parts are only combined when an argument is
    # itself complex (so complex(1.5, -0.0) keeps its negative zero).
    re = r[0] - i[1] if type(imag) is complex else r[0]
    im = r[1] + i[0] if type(real) is complex else i[0]
    return _make(re, im)


def imag(x):
    """The value of the literal `xj`."""
    return _make(0.0, float(x))


def _prod(a, b):
    return a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]


def _quot(a, b):
    abs_breal = abs(b[0])
    abs_bimag = abs(b[1])
    if abs_breal >= abs_bimag:
        if abs_breal == 0.0:
            raise ZeroDivisionError('complex division by zero')
        ratio = b[1] / b[0]
        denom = b[0] + b[1] * ratio
        return (a[0] + a[1] * ratio) / denom, (a[1] - a[0] * ratio) / denom
    if abs_bimag >= abs_breal:
        ratio = b[0] / b[1]
        denom = b[0] * ratio + b[1]
        return (a[0] * ratio + a[1]) / denom, (a[1] * ratio - a[0]) / denom
    nan = float('nan')
    return nan, nan


def _pow(a, b):
    if b[0] == 0.0 and b[1] == 0.0:
        return 1.0, 0.0
    if a[0] == 0.0 and a[1] == 0.0:
        if b[1] != 0.0 or b[0] < 0.0:
            raise ZeroDivisionError('0.0 to a negative or complex power')
        return 0.0, 0.0
    vabs = _math.hypot(a[0], a[1])
    length = vabs ** b[0]
    at = _math.atan2(a[1], a[0])
    phase = at * b[0]
    if b[1] != 0.0:
        length /= _math.exp(at * b[1])
        phase += b[1] * _math.log(vabs)
    return length * _math.cos(phase), length * _math.sin(phase)


def _powu(x, n):
    r = (1.0, 0.0)
    p = x
    mask = 1
    while mask > 0 and n >= mask:
        if n & mask:
            r = _prod(r, p)
        mask <<= 1
        p = _prod(p, p)
    return r


def _power(a, b):
    if b[1] == 0.0 and b[0] == _math.floor(b[0]) and abs(b[0]) <= 100.0:
        n = int(b[0])
        if n > 0:
            return _powu(a, n)
        try:
            return _quot((1.0, 0.0), _powu(a, -n))
        except ZeroDivisionError:
            raise ZeroDivisionError('0.0 to a negative or complex power') from None
    return _pow(a, b)


def _binary(op, reflected):
    def method(self, other):
        o = _as_complex(other)
        if o is None:
            return NotImplemented
        a, b = (o, (self._re, self._im)) if reflected else ((self._re, self._im), o)
        return _make(*op(a, b))
    return method


def _add(a, b):
    return a[0] + b[0], a[1] + b[1]


def _sub(a, b):
    return a[0] - b[0], a[1] - b[1]


def _no_floor(name):
    def method(self, other):
        if _as_complex(other) is None:
            return NotImplemented
        raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'"
                        % (name, type(self).__name__, type(other).__name__))
    return method


def _no_floor_r(name):
    def method(self, other):
        if _as_complex(other) is None:
            return NotImplemented
        raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'"
                        % (name, type(other).__name__, type(self).__name__))
    return method


class _Methods:
    def __repr__(self):
        if self._re == 0.0 and _math.copysign(1.0, self._re) == 1.0:
            return _float_repr(self._im, False) + 'j'
        return '(' + _float_repr(self._re, False) + _float_repr(self._im, True) + 'j)'

    def __str__(self):
        return self.__repr__()

    def __format__(self, spec):
        if not spec:
            return self.__repr__()
        kind = spec[-1]
        if kind not in 'eEfFgG' or any(c in spec for c in '<>^=#z'):
            raise NotImplementedError(
                "pyvgc supports complex format specs of the form [sign][width][,][.precision]"
                "(e|f|g), not %r" % spec)
        sign = spec[0] if spec[0] in '+- ' else ''
        rest = spec[len(sign):]
        width = ''
        while rest and rest[0].isdigit():
            width += rest[0]
            rest = rest[1:]
        re = format(self._re, sign + rest)
        im = format(self._im, '+' + rest)
        return format(re + im + 'j', '>' + width) if width else re + im + 'j'

    @property
    def real(self):
        return self._re

    @property
    def imag(self):
        return self._im

    def conjugate(self):
        return _make(self._re, -self._im)

    def __complex__(self):
        return self

    def __getnewargs__(self):
        return (self._re, self._im)

    def __hash__(self):
        # CPython: hash(real) + 1000003 * hash(imag) in wrapping 64-bit arithmetic, -1 -> -2.
        h = (hash(self._re) + 1000003 * hash(self._im)) & 0xFFFFFFFFFFFFFFFF
        if h >= 1 << 63:
            h -= 1 << 64
        return -2 if h == -1 else h

    def __eq__(self, other):
        o = _as_complex(other)
        if o is None:
            return NotImplemented
        if type(other) is int and self._im == 0.0:
            # Exact comparison with ints of any size, as CPython (1e16 + 1 != 10**16 + 1).
            return self._re == other
        return self._re == o[0] and self._im == o[1]

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __bool__(self):
        return self._re != 0.0 or self._im != 0.0

    def __neg__(self):
        return _make(-self._re, -self._im)

    def __pos__(self):
        return _make(self._re, self._im)

    def __abs__(self):
        if _math.isinf(self._re) or _math.isinf(self._im):
            return float('inf')
        r = _math.hypot(self._re, self._im)
        if _math.isinf(r):
            raise OverflowError('absolute value too large')
        return r

    __add__ = _binary(_add, False)
    __radd__ = _binary(_add, True)
    __sub__ = _binary(_sub, False)
    __rsub__ = _binary(_sub, True)
    __mul__ = _binary(_prod, False)
    __rmul__ = _binary(_prod, True)
    __truediv__ = _binary(_quot, False)
    __rtruediv__ = _binary(_quot, True)
    __floordiv__ = _no_floor('//')
    __rfloordiv__ = _no_floor_r('//')
    __mod__ = _no_floor('%')
    __rmod__ = _no_floor_r('%')
    __divmod__ = _no_floor('divmod()')
    __rdivmod__ = _no_floor_r('divmod()')

    def __pow__(self, other, mod=None):
        if mod is not None:
            raise ValueError('complex modulo')
        o = _as_complex(other)
        if o is None:
            return NotImplemented
        try:
            return _make(*_power((self._re, self._im), o))
        except OverflowError:
            raise OverflowError('complex exponentiation') from None

    def __rpow__(self, other):
        o = _as_complex(other)
        if o is None:
            return NotImplemented
        return _make(*_power(o, (self._re, self._im)))

    def __lt__(self, other):
        return NotImplemented

    __le__ = __gt__ = __ge__ = __lt__

    def __int__(self):
        raise TypeError("int() argument must be a string, a bytes-like object or a real number, "
                        "not 'complex'")

    def __float__(self):
        raise TypeError("float() argument must be a string or a real number, not 'complex'")


def _install(cls):
    global complex
    complex = cls
    for name, value in list(_Methods.__dict__.items()):
        if name in ('__dict__', '__weakref__', '__module__', '__qualname__', '__doc__'):
            continue
        setattr(cls, name, value)
    cls.__doc__ = 'Create a complex number from a real part and an optional imaginary part.'


def float_pow(a, b):
    """`a ** b` for floats with a negative `a` and a non-integral `b` (complex, as CPython)."""
    return _make(*_power((a, 0.0), (b, 0.0)))
