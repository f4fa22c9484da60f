"""cmath for pyvgc: mathematical functions for complex numbers.

Written for pyvgc after CPython 3.11's cmathmodule.c for finite arguments: sqrt (with its scaling),
exp, log (with log1p near the unit circle and an optional base), log10, sin, cos, tan, sinh, cosh,
tanh, phase, polar, rect, isfinite, isinf, isnan, isclose and the constants. Left out: the
inverse trigonometric and hyperbolic functions (acos, asin, atan, acosh, asinh, atanh) and
CPython's special-value tables for infinite and nan arguments (those give what the formulas give).
"""

import math as _m

pi = _m.pi
e = _m.e
tau = _m.tau
inf = _m.inf
nan = _m.nan
infj = complex(0.0, _m.inf)
nanj = complex(0.0, _m.nan)

_LARGE = 1.7976931348623157e308 / 4.0
_LOG_LARGE = 708.3964185322641
_DBL_MIN = 2.2250738585072014e-308
_LN2 = 0.6931471805599453
_LN10 = 2.302585092994046


def _c(z):
    if isinstance(z, complex):
        return z
    if isinstance(z, (int, float)):
        return complex(z, 0.0)
    f = getattr(type(z), '__complex__', None)
    if f is not None:
        return f(z)
    g = getattr(type(z), '__float__', None)
    if g is not None:
        return complex(g(z), 0.0)
    raise TypeError('must be real number, not %s' % type(z).__name__)


def phase(z):
    z = _c(z)
    return _m.atan2(z.imag, z.real)


def polar(z):
    z = _c(z)
    return abs(z), _m.atan2(z.imag, z.real)


def rect(r, phi):
    return complex(r * _m.cos(phi), r * _m.sin(phi))


def isfinite(z):
    z = _c(z)
    return _m.isfinite(z.real) and _m.isfinite(z.imag)


def isinf(z):
    z = _c(z)
    return _m.isinf(z.real) or _m.isinf(z.imag)


def isnan(z):
    z = _c(z)
    return _m.isnan(z.real) or _m.isnan(z.imag)


def isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0):
    a = _c(a)
    b = _c(b)
    if rel_tol < 0.0 or abs_tol < 0.0:
        raise ValueError('tolerances must be non-negative')
    if a == b:
        return True
    if isinf(a) or isinf(b):
        return False
    diff = abs(a - b)
    return diff <= rel_tol * abs(b) or diff <= rel_tol * abs(a) or diff <= abs_tol


def sqrt(z):
    z = _c(z)
    if z.real == 0.0 and z.imag == 0.0:
        return complex(0.0, z.imag)
    ax = abs(z.real)
    ay = abs(z.imag)
    if ax < _DBL_MIN and ay < _DBL_MIN:
        ax = _m.ldexp(ax, 53)
        s = _m.ldexp(_m.sqrt(ax + _m.hypot(ax, _m.ldexp(ay, 53))), -26)
    else:
        ax /= 8.0
        s = 2.0 * _m.sqrt(ax + _m.hypot(ax, ay / 8.0))
    d = ay / (2.0 * s)
    if z.real >= 0.0:
        return complex(s, _m.copysign(d, z.imag))
    return complex(d, _m.copysign(s, z.imag))


def exp(z):
    z = _c(z)
    if z.real > _LOG_LARGE:
        ll = _m.exp(z.real - 1.0)
        return complex(ll * _m.cos(z.imag) * _m.e, ll * _m.sin(z.imag) * _m.e)
    ll = _m.exp(z.real)
    return complex(ll * _m.cos(z.imag), ll * _m.sin(z.imag))


def _log(z):
    ax = abs(z.real)
    ay = abs(z.imag)
    if ax > _LARGE or ay > _LARGE:
        re = _m.log(_m.hypot(ax / 2.0, ay / 2.0)) + _LN2
    elif ax < _DBL_MIN and ay < _DBL_MIN:
        if ax > 0.0 or ay > 0.0:
            re = _m.log(_m.hypot(_m.ldexp(ax, 53), _m.ldexp(ay, 53))) - 53 * _LN2
        else:
            raise ValueError('math domain error')
    else:
        h = _m.hypot(ax, ay)
        if 0.71 <= h <= 1.73:
            am = max(ax, ay)
            an = min(ax, ay)
            re = _m.log1p((am - 1) * (am + 1) + an * an) / 2.0
        else:
            re = _m.log(h)
    return complex(re, _m.atan2(z.imag, z.real))


def log(z, base=None):
    r = _log(_c(z))
    if base is None:
        return r
    return r / _log(_c(base))


def log10(z):
    r = _log(_c(z))
    return complex(r.real / _LN10, r.imag / _LN10)


def cosh(z):
    z = _c(z)
    x, y = z.real, z.imag
    if abs(x) > _LOG_LARGE:
        x_minus_one = x - _m.copysign(1.0, x)
        return complex(_m.cos(y) * _m.cosh(x_minus_one) * _m.e,
                       _m.sin(y) * _m.sinh(x_minus_one) * _m.e)
    return complex(_m.cos(y) * _m.cosh(x), _m.sin(y) * _m.sinh(x))


def sinh(z):
    z = _c(z)
    x, y = z.real, z.imag
    if abs(x) > _LOG_LARGE:
        x_minus_one = x - _m.copysign(1.0, x)
        return complex(_m.cos(y) * _m.sinh(x_minus_one) * _m.e,
                       _m.sin(y) * _m.cosh(x_minus_one) * _m.e)
    return complex(_m.cos(y) * _m.sinh(x), _m.sin(y) * _m.cosh(x))


def tanh(z):
    z = _c(z)
    x, y = z.real, z.imag
    if abs(x) > _LOG_LARGE:
        return complex(_m.copysign(1.0, x),
                       4.0 * _m.sin(y) * _m.cos(y) * _m.exp(-2.0 * abs(x)))
    tx = _m.tanh(x)
    ty = _m.tan(y)
    cx = 1.0 / _m.cosh(x)
    txty = tx * ty
    denom = 1.0 + txty * txty
    return complex(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)


def cos(z):
    z = _c(z)
    return cosh(complex(-z.imag, z.real))


def sin(z):
    z = _c(z)
    s = sinh(complex(-z.imag, z.real))
    return complex(s.imag, -s.real)


def tan(z):
    z = _c(z)
    t = tanh(complex(-z.imag, z.real))
    return complex(t.imag, -t.real)
