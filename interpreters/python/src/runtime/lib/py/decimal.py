"""decimal for pyvgc: the common part of the decimal module.

Written for pyvgc after the General Decimal Arithmetic specification that CPython's decimal
implements: a Decimal is (sign, coefficient, exponent) with the coefficient a Python int, and
every result is rounded to the context precision (default 28 digits) with the context rounding
mode (all eight modes). Provided: construction from str, int, float (exact), tuples and
Decimals; + - * / // % divmod ** (integral exponents), unary ops, abs; comparisons and hashing
consistent with int, float and Fraction; str/repr in scientific or plain notation as the
specification's to-sci-string; format() with the 'f', 'e', 'g', '%' and '' types; quantize,
to_integral_value, normalize, sqrt, adjusted, as_tuple, copy_sign, is_* predicates, int/float/
round; getcontext/setcontext/localcontext with prec and rounding. Left out: signals and traps
other than DivisionByZero and InvalidOperation (always raised), NaN payloads, subnormal and
clamp handling (Emin/Emax are not enforced), ln/log10/exp, and the C module's speed.
"""

import math as _math

__all__ = ['Decimal', 'Context', 'getcontext', 'setcontext', 'localcontext', 'DecimalTuple',
           'ROUND_DOWN', 'ROUND_HALF_UP', 'ROUND_HALF_EVEN', 'ROUND_CEILING', 'ROUND_FLOOR',
           'ROUND_UP', 'ROUND_HALF_DOWN', 'ROUND_05UP', 'DecimalException', 'InvalidOperation',
           'DivisionByZero', 'Inexact', 'Rounded', 'DefaultContext', 'BasicContext',
           'ExtendedContext', 'MAX_PREC']

ROUND_DOWN = 'ROUND_DOWN'
ROUND_HALF_UP = 'ROUND_HALF_UP'
ROUND_HALF_EVEN = 'ROUND_HALF_EVEN'
ROUND_CEILING = 'ROUND_CEILING'
ROUND_FLOOR = 'ROUND_FLOOR'
ROUND_UP = 'ROUND_UP'
ROUND_HALF_DOWN = 'ROUND_HALF_DOWN'
ROUND_05UP = 'ROUND_05UP'
MAX_PREC = 999999999999999999


class DecimalException(ArithmeticError):
    pass


class InvalidOperation(DecimalException):
    pass


class DivisionByZero(DecimalException, ZeroDivisionError):
    pass


class Inexact(DecimalException):
    pass


class Rounded(DecimalException):
    pass


class DecimalTuple(tuple):
    def __new__(cls, sign, digits, exponent):
        return tuple.__new__(cls, (sign, digits, exponent))

    sign = property(lambda self: self[0])
    digits = property(lambda self: self[1])
    exponent = property(lambda self: self[2])

    def __repr__(self):
        return 'DecimalTuple(sign=%r, digits=%r, exponent=%r)' % tuple(self)


class Context:
    def __init__(self, prec=28, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999,
                 capitals=1, clamp=0, flags=None, traps=None):
        self.prec = prec
        self.rounding = rounding
        self.Emin = Emin
        self.Emax = Emax
        self.capitals = capitals
        self.clamp = clamp

    def copy(self):
        return Context(self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp)

    def __repr__(self):
        return ('Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, clamp=%d, '
                'flags=[], traps=[InvalidOperation, DivisionByZero, Overflow])'
                % (self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp))

    def create_decimal(self, num='0'):
        return Decimal(num)._fix(self)


DefaultContext = Context()
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP)
ExtendedContext = Context(prec=9)
_current = [DefaultContext.copy()]


def getcontext():
    return _current[0]


def setcontext(context):
    if context in (DefaultContext, BasicContext, ExtendedContext):
        context = context.copy()
    _current[0] = context


class _LocalContext:
    def __init__(self, ctx):
        self.new = ctx.copy()

    def __enter__(self):
        self.saved = getcontext()
        setcontext(self.new)
        return self.new

    def __exit__(self, *exc):
        setcontext(self.saved)
        return False


def localcontext(ctx=None, **kwargs):
    lc = _LocalContext(ctx if ctx is not None else getcontext())
    for k, v in kwargs.items():
        setattr(lc.new, k, v)
    return lc


def _round_up(mode, sign, kept, dropped, ndropped):
    """Whether `kept` (the coefficient left after dropping `ndropped` digits whose value is
    `dropped`) must be incremented under rounding `mode` for a number of sign `sign`."""
    if dropped == 0:
        return False
    half = 5 * 10 ** (ndropped - 1)
    if mode == ROUND_DOWN:
        return False
    if mode == ROUND_UP:
        return True
    if mode == ROUND_CEILING:
        return sign == 0
    if mode == ROUND_FLOOR:
        return sign == 1
    if mode == ROUND_HALF_UP:
        return dropped >= half
    if mode == ROUND_HALF_DOWN:
        return dropped > half
    if mode == ROUND_HALF_EVEN:
        return dropped > half or (dropped == half and kept % 2 == 1)
    if mode == ROUND_05UP:
        return kept % 10 in (0, 5)
    raise ValueError('invalid rounding mode %r' % (mode,))


class Decimal:
    __slots__ = ('_sign', '_int', '_exp', '_special')

    def __new__(cls, value='0', context=None):
        self = object.__new__(cls)
        self._special = ''
        if isinstance(value, Decimal):
            self._sign, self._int, self._exp, self._special = (
                value._sign, value._int, value._exp, value._special)
            return self
        if isinstance(value, bool) or isinstance(value, int):
            self._sign = 1 if value < 0 else 0
            self._int = abs(int(value))
            self._exp = 0
            return self
        if isinstance(value, float):
            if _math.isnan(value) or _math.isinf(value):
                return cls(repr(value))
            sign = 1 if _math.copysign(1.0, value) < 0 else 0
            n, d = abs(value).as_integer_ratio()
            k = d.bit_length() - 1
            self._sign = sign
            self._int = n * 5 ** k
            self._exp = -k
            return self
        if isinstance(value, (tuple, list)):
            sign, digits, exp = value
            self._sign = sign
            self._int = int(''.join(str(d) for d in digits) or '0')
            if isinstance(exp, str):
                self._special = {'F': 'Infinity', 'n': 'NaN', 'N': 'sNaN'}[exp]
                self._exp = 0
            else:
                self._exp = exp
            return self
        if isinstance(value, str):
            return cls._parse(self, value)
        raise TypeError('conversion from %s to Decimal is not supported' % type(value).__name__)

    @staticmethod
    def _parse(self, value):
        s = value.strip().replace('_', '')
        bad = InvalidOperation("[<class 'decimal.ConversionSyntax'>]")
        sign = 0
        if s[:1] in '+-' and s:
            sign = 1 if s[0] == '-' else 0
            s = s[1:]
        low = s.lower()
        self._sign = sign
        self._int = 0
        self._exp = 0
        if low in ('inf', 'infinity'):
            self._special = 'Infinity'
            return self
        if low in ('nan', 'snan'):
            self._special = 'NaN' if low == 'nan' else 'sNaN'
            return self
        mant, _, expo = low.partition('e')
        if _ and not expo:
            raise bad
        whole, dot, frac = mant.partition('.')
        digits = whole + frac
        if not digits or not digits.isdigit() or not digits.isascii():
            raise bad
        try:
            e = int(expo) if expo else 0
        except ValueError:
            raise bad from None
        self._int = int(digits)
        self._exp = e - len(frac)
        return self

    # -- helpers

    def _digits(self):
        return len(str(self._int)) if self._int else 1

    def _fix(self, ctx):
        """This number rounded to the context precision."""
        if self._special:
            return self
        n = self._digits()
        if n <= ctx.prec:
            return self
        drop = n - ctx.prec
        kept, dropped = divmod(self._int, 10 ** drop)
        if _round_up(ctx.rounding, self._sign, kept, dropped, drop):
            kept += 1
        exp = self._exp + drop
        if len(str(kept)) > ctx.prec:
            kept //= 10
            exp += 1
        return _make(self._sign, kept, exp)

    def _check_nan(self, other=None):
        for x in (self, other):
            if x is not None and x._special in ('NaN', 'sNaN'):
                return True
        return False

    # -- conversions and text

    def __str__(self):
        return self._to_sci(False)

    def to_eng_string(self, context=None):
        return self._to_sci(True)

    def _to_sci(self, eng):
        sign = '-' if self._sign else ''
        if self._special:
            return sign + self._special
        coeff = str(self._int)
        exp = self._exp
        adjusted = exp + len(coeff) - 1
        if exp <= 0 and adjusted >= -6:
            if exp == 0:
                return sign + coeff
            point = len(coeff) + exp
            if point > 0:
                return sign + coeff[:point] + '.' + coeff[point:]
            return sign + '0.' + '0' * (-point) + coeff
        if eng:
            shift = adjusted % 3
            lead = coeff[:shift + 1].ljust(shift + 1, '0')
            rest = coeff[shift + 1:]
            e = adjusted - shift
            s = lead + ('.' + rest if rest else '')
            return sign + s + ('E%+d' % e if e else '')
        s = coeff[0] + ('.' + coeff[1:] if len(coeff) > 1 else '')
        return sign + s + 'E%+d' % adjusted

    def __repr__(self):
        return "Decimal('%s')" % self

    def __format__(self, spec):
        if not spec:
            return str(self)
        kind = spec[-1] if spec[-1] in 'eEfFgG%' else ''
        body = spec[:-1] if kind else spec
        prec = None
        if '.' in body:
            body, _, p = body.rpartition('.')
            prec = int(p)
        if kind in ('', 'g', 'G') and prec is None:
            text = str(self)
            if kind == 'G':
                text = text.upper()
        elif kind in ('f', 'F', '%'):
            v = _make(self._sign, self._int, self._exp + 2, self._special) if kind == '%' else self
            if prec is None or v._special:
                q = v
            else:
                q = v.quantize(Decimal((0, (1,), -prec)), rounding=getcontext().rounding)
            text = (q._plain() if not q._special else str(q)) + ('%' if kind == '%' else '')
        elif kind in ('e', 'E'):
            p = self._digits() - 1 if prec is None else prec
            with localcontext() as c:
                c.prec = p + 1
                r = (+self) if self._digits() > p + 1 else self
            coeff = str(r._int).ljust(p + 1, '0')[:p + 1]
            adj = r._exp + len(str(r._int)) - 1
            text = ('-' if r._sign else '') + coeff[0] + ('.' + coeff[1:] if p else '') + \
                ('e' if kind == 'e' else 'E') + '%+d' % adj
        else:
            p = prec
            with localcontext() as c:
                if p:
                    c.prec = p
                text = str(+self)
        return format(text, body.replace(',', '').replace('_', '') if body else '') if body else text

    def _plain(self):
        sign = '-' if self._sign else ''
        coeff = str(self._int)
        if self._exp >= 0:
            return sign + coeff + '0' * self._exp if self._int else sign + '0'
        point = len(coeff) + self._exp
        if point > 0:
            return sign + coeff[:point] + '.' + coeff[point:]
        return sign + '0.' + '0' * (-point) + coeff

    def __int__(self):
        if self._special:
            raise (ValueError if 'NaN' in self._special else OverflowError)(
                'cannot convert %s to integer' % ('NaN' if 'NaN' in self._special else 'Infinity'))
        v = self._int * 10 ** self._exp if self._exp >= 0 else self._int // 10 ** -self._exp
        return -v if self._sign else v

    __trunc__ = __int__

    def __float__(self):
        if self._special:
            return float(('-' if self._sign else '') + self._special.replace('sNaN', 'nan'))
        return float(str(self))

    def __bool__(self):
        return bool(self._special) or self._int != 0

    def as_tuple(self):
        exp = {'Infinity': 'F', 'NaN': 'n', 'sNaN': 'N'}.get(self._special, self._exp)
        digits = tuple(int(d) for d in str(self._int)) if not self._special or self._int else ()
        return DecimalTuple(self._sign, digits if digits or self._special else (0,), exp)

    def as_integer_ratio(self):
        n = self._int * 10 ** max(self._exp, 0)
        d = 10 ** max(-self._exp, 0)
        g = _math.gcd(n, d)
        n, d = n // g, d // g
        return (-n if self._sign else n), d

    def adjusted(self):
        return self._exp + self._digits() - 1 if not self._special else 0

    def is_nan(self):
        return self._special in ('NaN', 'sNaN')

    def is_infinite(self):
        return self._special == 'Infinity'

    def is_finite(self):
        return not self._special

    def is_zero(self):
        return not self._special and self._int == 0

    def is_signed(self):
        return self._sign == 1

    def copy_abs(self):
        return _make(0, self._int, self._exp, self._special)

    def copy_negate(self):
        return _make(1 - self._sign, self._int, self._exp, self._special)

    def copy_sign(self, other):
        return _make(_dec(other)._sign, self._int, self._exp, self._special)

    # -- arithmetic

    def __neg__(self):
        r = _make(0 if self._int == 0 and not self._special else 1 - self._sign,
                  self._int, self._exp, self._special)
        return r._fix(getcontext())

    def __pos__(self):
        r = _make(0 if self._int == 0 and not self._special else self._sign,
                  self._int, self._exp, self._special)
        return r._fix(getcontext())

    def __abs__(self):
        return _make(0, self._int, self._exp, self._special)._fix(getcontext())

    def __add__(self, other, _neg=False):
        other = _operand(other)
        if other is NotImplemented:
            return other
        if _neg:
            other = _make(1 - other._sign, other._int, other._exp, other._special)
        if self._special or other._special:
            return _special_add(self, other)
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp) * (-1 if self._sign else 1)
        b = other._int * 10 ** (other._exp - exp) * (-1 if other._sign else 1)
        total = a + b
        if total == 0:
            ctx = getcontext()
            sign = 1 if (self._sign and other._sign) or (ctx.rounding == ROUND_FLOOR and
                                                         self._sign != other._sign) else 0
            return _make(sign, 0, exp)._fix(ctx)
        return _make(1 if total < 0 else 0, abs(total), exp)._fix(getcontext())

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        return self.__add__(other, _neg=True)

    def __rsub__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other.__sub__(self)

    def __mul__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        sign = self._sign ^ other._sign
        if self._special or other._special:
            if self._check_nan(other):
                return _make(0, 0, 0, 'NaN')
            if (self._special and not other._special and other._int == 0) or \
                    (other._special and not self._special and self._int == 0):
                raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
            return _make(sign, 0, 0, 'Infinity')
        return _make(sign, self._int * other._int, self._exp + other._exp)._fix(getcontext())

    def __rmul__(self, other):
        return self.__mul__(other)

    def __truediv__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        ctx = getcontext()
        sign = self._sign ^ other._sign
        if self._special or other._special:
            if self._check_nan(other) or (self._special and other._special):
                if self._check_nan(other):
                    return _make(0, 0, 0, 'NaN')
                raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
            if self._special:
                return _make(sign, 0, 0, 'Infinity')
            return _make(sign, 0, self._exp - other._exp)
        if other._int == 0:
            if self._int == 0:
                raise InvalidOperation("[<class 'decimal.DivisionUndefined'>]")
            raise DivisionByZero("[<class 'decimal.DivisionByZero'>]")
        if self._int == 0:
            return _make(sign, 0, self._exp - other._exp)
        shift = other._digits() - self._digits() + ctx.prec + 1
        exp = self._exp - other._exp - shift
        if shift >= 0:
            coeff, rem = divmod(self._int * 10 ** shift, other._int)
        else:
            coeff, rem = divmod(self._int, other._int * 10 ** -shift)
        if rem:
            if coeff % 5 == 0:
                coeff += 1
        else:
            ideal = self._exp - other._exp
            while exp < ideal and coeff % 10 == 0:
                coeff //= 10
                exp += 1
        return _make(sign, coeff, exp)._fix(ctx)

    def __rtruediv__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other.__truediv__(self)

    def _divmod(self, other):
        if other._int == 0:
            if self._int == 0:
                raise InvalidOperation("[<class 'decimal.DivisionUndefined'>]")
            raise DivisionByZero("[<class 'decimal.DivisionByZero'>]")
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp)
        b = other._int * 10 ** (other._exp - exp)
        q, r = divmod(a, b)
        sign = self._sign ^ other._sign
        quotient = _make(sign, q, 0)
        remainder = _make(self._sign, r, exp)
        return quotient._fix(getcontext()), remainder._fix(getcontext())

    def __floordiv__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return self._divmod(other)[0]

    def __rfloordiv__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other.__floordiv__(self)

    def __mod__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        if not other._special and other._int == 0:
            raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
        return self._divmod(other)[1]

    def __rmod__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other.__mod__(self)

    def __divmod__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return self._divmod(other)

    def __rdivmod__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other._divmod(self)

    def __pow__(self, other, modulo=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        if modulo is not None or other._special or self._special:
            raise NotImplementedError('pyvgc decimal: ** with a modulus or special values')
        n = int(other)
        if Decimal(n) != other:
            raise NotImplementedError('pyvgc decimal: ** with a non-integral exponent')
        ctx = getcontext()
        if n >= 0:
            r = _make(self._sign if n % 2 else 0, self._int ** n, self._exp * n)
            return r._fix(ctx)
        with localcontext() as c:
            c.prec = ctx.prec + 3
            denom = _make(self._sign if n % 2 else 0, self._int ** -n, self._exp * -n)
            r = Decimal(1) / denom
        return r._fix(ctx)

    def __rpow__(self, other):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other.__pow__(self)

    def sqrt(self, context=None):
        ctx = context or getcontext()
        if self._special or self._sign and self._int:
            if self._sign:
                raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
            return self
        if self._int == 0:
            return _make(self._sign, 0, self._exp // 2)
        prec = ctx.prec
        e = self._exp
        c = self._int
        # Scale so the root has prec + 1 digits and an exponent of e // 2 rounded down.
        shift = prec + 1 - (len(str(c)) + (e & 1) + 1) // 2
        if e & 1:
            c *= 10
            e -= 1
        c *= 100 ** shift if shift >= 0 else 1
        if shift < 0:
            c //= 100 ** -shift
        r = _math.isqrt(c)
        exact = r * r == c
        exp = e // 2 - shift
        if exact:
            ideal = self._exp // 2
            while exp < ideal and r % 10 == 0:
                r //= 10
                exp += 1
        elif r % 5 == 0:
            r += 1
        return _make(0, r, exp)._fix(ctx)

    # -- rounding

    def quantize(self, exp, rounding=None, context=None):
        exp = _dec(exp)
        ctx = context or getcontext()
        rounding = rounding or ctx.rounding
        if self._special:
            return self
        target = exp._exp
        if self._exp >= target:
            r = _make(self._sign, self._int * 10 ** (self._exp - target), target)
        else:
            drop = target - self._exp
            kept, dropped = divmod(self._int, 10 ** drop)
            if _round_up(rounding, self._sign, kept, dropped, drop):
                kept += 1
            r = _make(self._sign, kept, target)
        if r._digits() > ctx.prec:
            raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
        return r

    def to_integral_value(self, rounding=None, context=None):
        if self._special or self._exp >= 0:
            return self
        return self.quantize(Decimal(1), rounding, context)

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        return self.to_integral_value(rounding, context)

    def normalize(self, context=None):
        r = self._fix(context or getcontext())
        if r._special:
            return r
        if r._int == 0:
            return _make(r._sign, 0, 0)
        c, e = r._int, r._exp
        while c % 10 == 0:
            c //= 10
            e += 1
        return _make(r._sign, c, e)

    def __round__(self, n=None):
        if n is None:
            if self._special:
                return int(self)
            return int(self.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
        return self.quantize(_make(0, 1, -n))

    def __floor__(self):
        return int(self.quantize(Decimal(1), rounding=ROUND_FLOOR))

    def __ceil__(self):
        return int(self.quantize(Decimal(1), rounding=ROUND_CEILING))

    # -- comparisons and hashing

    def _cmp(self, other):
        if self._special or other._special:
            a = float(self)
            b = float(other)
            return (a > b) - (a < b)
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp) * (-1 if self._sign else 1)
        b = other._int * 10 ** (other._exp - exp) * (-1 if other._sign else 1)
        return (a > b) - (a < b)

    def _compare_to(self, other):
        if isinstance(other, float):
            if _math.isnan(other):
                return None
            other = Decimal(other)
        o = _operand(other)
        if o is NotImplemented:
            if hasattr(other, 'numerator') and hasattr(other, 'denominator'):
                n, d = self.as_integer_ratio()
                a, b = n * other.denominator, other.numerator * d
                return (a > b) - (a < b)
            return NotImplemented
        if self.is_nan() or o.is_nan():
            return None
        return self._cmp(o)

    def __eq__(self, other):
        c = self._compare_to(other)
        return c if c is NotImplemented else c == 0

    def __ne__(self, other):
        c = self._compare_to(other)
        return c if c is NotImplemented else c != 0

    def __lt__(self, other):
        c = self._compare_to(other)
        if c is None:
            raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
        return c if c is NotImplemented else c < 0

    def __le__(self, other):
        c = self._compare_to(other)
        if c is None:
            raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
        return c if c is NotImplemented else c <= 0

    def __gt__(self, other):
        c = self._compare_to(other)
        if c is None:
            raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
        return c if c is NotImplemented else c > 0

    def __ge__(self, other):
        c = self._compare_to(other)
        if c is None:
            raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
        return c if c is NotImplemented else c >= 0

    def compare(self, other, context=None):
        return Decimal(self._cmp(_dec(other)))

    def max(self, other, context=None):
        other = _dec(other)
        return self if self._cmp(other) >= 0 else other

    def min(self, other, context=None):
        other = _dec(other)
        return self if self._cmp(other) <= 0 else other

    def __hash__(self):
        if self._special:
            if self.is_nan():
                return object.__hash__(self)
            return -314159 if self._sign else 314159
        if self._exp >= 0 or self._int % 10 ** -self._exp == 0:
            return hash(int(self))
        p = 2 ** 61 - 1
        inv10 = pow(10, p - 2, p)
        exp_hash = pow(10, self._exp, p) if self._exp >= 0 else pow(inv10, -self._exp, p)
        h = self._int * exp_hash % p
        ans = -h if self._sign else h
        return -2 if ans == -1 else ans

    def __reduce__(self):
        return (type(self), (str(self),))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @classmethod
    def from_float(cls, f):
        return cls(f)

    real = property(lambda self: self)
    imag = property(lambda self: Decimal(0))

    def conjugate(self):
        return self


def _make(sign, coeff, exp, special=''):
    d = object.__new__(Decimal)
    d._sign = sign
    d._int = coeff
    d._exp = exp
    d._special = special
    return d


def _operand(x):
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return Decimal(x)
    return NotImplemented


def _dec(x):
    d = _operand(x)
    if d is NotImplemented:
        raise TypeError('conversion from %s to Decimal is not supported' % type(x).__name__)
    return d


def _special_add(a, b):
    if a._check_nan(b):
        return _make(0, 0, 0, 'NaN')
    if a._special and b._special and a._sign != b._sign:
        raise InvalidOperation("[<class 'decimal.InvalidOperation'>]")
    return a if a._special else b
