"""Basic statistics of numeric data (the common part of CPython's statistics module).

Averages and spreads are computed exactly, as CPython does: every value becomes a Fraction
(floats through as_integer_ratio), sums are exact, and the result is converted back to the
data's type (an int mean that is not whole becomes a float). Square roots are correctly
rounded from the exact fraction. Decimal data is not supported (pyvgc has no decimal module);
NormalDist, correlation, covariance and linear_regression are not provided.
"""

import math
from fractions import Fraction
from collections import Counter

__all__ = ['StatisticsError', 'mean', 'fmean', 'geometric_mean', 'harmonic_mean', 'median',
           'median_low', 'median_high', 'median_grouped', 'mode', 'multimode', 'quantiles',
           'pstdev', 'pvariance', 'stdev', 'variance']


class StatisticsError(ValueError):
    pass


def _exact(x):
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, float):
        if math.isnan(x) or math.isinf(x):
            return x
        return Fraction(*x.as_integer_ratio())
    raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__)


def _result_type(data):
    # bool counts as int; any float makes float; Fractions stay Fractions unless mixed with floats.
    t = int
    for x in data:
        if isinstance(x, float):
            return float
        if isinstance(x, Fraction):
            t = Fraction
        elif not isinstance(x, int):
            raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__)
    return t


def _convert(value, t):
    if not isinstance(value, Fraction):
        return value
    if t is int:
        return int(value) if value.denominator == 1 else float(value)
    if t is Fraction:
        return value
    return float(value)


def _sum(data):
    total = Fraction(0)
    special = None
    for x in data:
        e = _exact(x)
        if isinstance(e, float):
            special = e if special is None else special + e
        else:
            total += e
    return total if special is None else special


def mean(data):
    data = list(data)
    if not data:
        raise StatisticsError('mean requires at least one data point')
    total = _sum(data)
    if isinstance(total, float):
        return total
    return _convert(total / len(data), _result_type(data))


def fmean(data, weights=None):
    data = list(data)
    if weights is None:
        if not data:
            raise StatisticsError('fmean requires at least one data point')
        return math.fsum(data) / len(data)
    weights = list(weights)
    if len(weights) != len(data):
        raise StatisticsError('data and weights must be the same length')
    total = math.fsum(weights)
    if not total:
        raise StatisticsError('sum of weights must be non-zero')
    return math.fsum(x * w for x, w in zip(data, weights)) / total


def geometric_mean(data):
    data = list(data)
    if not data:
        raise StatisticsError('geometric_mean requires at least one data point')
    if any(x <= 0 for x in data):
        raise StatisticsError('geometric mean requires a non-empty dataset containing positive numbers')
    return math.exp(fmean(math.log(x) for x in data))


def harmonic_mean(data):
    data = list(data)
    if not data:
        raise StatisticsError('harmonic_mean requires at least one data point')
    if any(x < 0 for x in data):
        raise StatisticsError('harmonic mean does not support negative values')
    if any(x == 0 for x in data):
        return 0
    total = sum(Fraction(1) / _exact(x) for x in data)
    t = _result_type(data)
    return _convert(len(data) / total, float if t is int else t)


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    return data[n // 2] if n % 2 == 1 else data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    if not data:
        raise StatisticsError('no median for empty data')
    return data[len(data) // 2]


def median_grouped(data, interval=1):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n == 1:
        return data[0]
    x = data[n // 2]
    lo = x - interval / 2
    cf = sum(1 for v in data if v < x)
    f = sum(1 for v in data if v == x)
    return lo + interval * (n / 2 - cf) / f


def mode(data):
    counts = Counter(data).most_common()
    if not counts:
        raise StatisticsError('no mode for empty data')
    return counts[0][0]


def multimode(data):
    counts = Counter(data)
    if not counts:
        return []
    top = max(counts.values())
    return [v for v, c in counts.items() if c == top]


def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    result = []
    if method == 'inclusive':
        m = ld - 1
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            result.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
        return result
    if method == 'exclusive':
        m = ld + 1
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            result.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
        return result
    raise ValueError('Unknown method: %r' % (method,))


def _ss(data, c=None):
    """Exact sum of squared deviations from c (the exact mean when None), and the data type."""
    t = _result_type(data)
    exact = [_exact(x) for x in data]
    if any(isinstance(e, float) for e in exact):
        return t, float('nan'), len(data)
    if c is None:
        c = sum(exact, Fraction(0)) / len(exact)
    else:
        c = _exact(c)
    ss = sum(((e - c) ** 2 for e in exact), Fraction(0))
    # Correction for rounding in c, as CPython's _ss: subtract (sum of deviations)^2 / n.
    dev = sum((e - c for e in exact), Fraction(0))
    ss -= dev ** 2 / len(exact)
    return t, ss, len(exact)


def variance(data, xbar=None):
    data = list(data)
    if len(data) < 2:
        raise StatisticsError('variance requires at least two data points')
    t, ss, n = _ss(data, xbar)
    return _convert(ss / (n - 1), t) if isinstance(ss, Fraction) else ss


def pvariance(data, mu=None):
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('pvariance requires at least one data point')
    t, ss, n = _ss(data, mu)
    return _convert(ss / n, t) if isinstance(ss, Fraction) else ss


def _isqrt_rto(n, m):
    # Integer square root of n/m, rounded to odd (so the final division rounds correctly).
    a = math.isqrt(n // m)
    return a | (a * a * m != n)


def _sqrt_frac(f):
    """The square root of a non-negative Fraction, correctly rounded to a float."""
    n, m = f.numerator, f.denominator
    q = (n.bit_length() - m.bit_length() - 109) // 2
    if q >= 0:
        return (_isqrt_rto(n, m << 2 * q) << q) / 1
    return _isqrt_rto(n << -2 * q, m) / (1 << -q)


def stdev(data, xbar=None):
    data = list(data)
    if len(data) < 2:
        raise StatisticsError('stdev requires at least two data points')
    t, ss, n = _ss(data, xbar)
    if not isinstance(ss, Fraction):
        return ss
    return _sqrt_frac(ss / (n - 1))


def pstdev(data, mu=None):
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('pstdev requires at least one data point')
    t, ss, n = _ss(data, mu)
    if not isinstance(ss, Fraction):
        return ss
    return _sqrt_frac(ss / n)
