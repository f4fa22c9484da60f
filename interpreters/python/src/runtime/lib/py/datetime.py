"""datetime for pyvgc: date, time, datetime, timedelta, tzinfo and timezone.

Written for pyvgc after CPython 3.11's documented behaviour (proleptic Gregorian calendar, years
1..9999, microsecond resolution, str/repr/isoformat as CPython prints them). strftime is
implemented here for the C-locale directives glibc knows (%a %A %b %B %c %C %d %D %e %f %F %G %h
%H %I %j %m %M %n %p %R %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%); strptime accepts the same
set minus %c/%x/%X/%U/%W/%G/%V. Local time (now(), fromtimestamp(), naive timestamp() and
astimezone()) goes through the time module. timetuple() returns a plain 9-tuple (pyvgc's time
module has no struct_time type). Left out: pickling, zoneinfo, the C-level
`datetime_CAPI`, fold-aware local-time disambiguation (fold is stored and printed, not used).
"""

import time as _time

MINYEAR = 1
MAXYEAR = 9999

_DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [0]
for _m in range(1, 13):
    _DAYS_BEFORE_MONTH.append(_DAYS_BEFORE_MONTH[-1] + _DAYS_IN_MONTH[_m])
del _m

_MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                'September', 'October', 'November', 'December']
_DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _days_before_month(year, month):
    return _DAYS_BEFORE_MONTH[month - 1] + (month > 2 and _is_leap(year))


def _ymd2ord(year, month, day):
    return _days_before_year(year) + _days_before_month(year, month) + day


def _ord2ymd(n):
    # Peel off 400-, 100-, 4- and 1-year cycles of the proleptic Gregorian calendar.
    n -= 1
    n400, n = divmod(n, 146097)
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    month = 1
    while month < 12 and n >= _days_before_month(year, month + 1):
        month += 1
    return year, month, n - _days_before_month(year, month) + 1


def _check_int(name, value):
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float):
            raise TypeError("'float' object cannot be interpreted as an integer")
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
    return value


def _check_date_fields(year, month, day):
    _check_int('year', year)
    _check_int('month', month)
    _check_int('day', day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('year %d is out of range' % year)
    if not 1 <= month <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError('day is out of range for month')


def _check_time_fields(hour, minute, second, microsecond, fold):
    for v in (hour, minute, second, microsecond, fold):
        _check_int('', v)
    if not 0 <= hour <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= minute <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= second <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= microsecond <= 999999:
        raise ValueError('microsecond must be in 0..999999')
    if fold not in (0, 1):
        raise ValueError('fold must be either 0 or 1')


def _check_tzinfo(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'"
                        % type(tz).__name__)


def _cls_name(obj):
    # CPython names its own classes 'datetime.date'; a subclass by its bare qualified name.
    cls = type(obj)
    if cls.__module__ == __name__:
        return 'datetime.' + cls.__qualname__
    return cls.__qualname__


def _cmp(a, b):
    return 0 if a == b else (1 if a > b else -1)


def _round_half_even(num, den):
    """num/den rounded to the nearest int, ties to even (den > 0)."""
    q, r = divmod(num, den)
    twice = 2 * r
    if twice > den or (twice == den and q % 2 == 1):
        q += 1
    return q


def _ratio(x):
    if isinstance(x, bool):
        return int(x), 1
    if isinstance(x, int):
        return x, 1
    if isinstance(x, float):
        return x.as_integer_ratio()
    raise TypeError('unsupported type for timedelta component: %s' % type(x).__name__)


def _format_offset(off, sep=':'):
    """'+HH:MM[:SS[.ffffff]]' for a timedelta offset, '' for None."""
    if off is None:
        return ''
    sign = '+'
    if off.days < 0:
        sign = '-'
        off = -off
    mm, ss = divmod(off.seconds, 60)
    hh, mm = divmod(mm, 60)
    s = '%s%02d%s%02d' % (sign, hh, sep, mm)
    if ss or off.microseconds:
        s += '%s%02d' % (sep, ss)
        if off.microseconds:
            s += '.%06d' % off.microseconds
    return s


def _check_utc_offset(name, offset):
    if offset is None:
        return None
    if not isinstance(offset, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'"
                        % (name, type(offset).__name__))
    if not -timedelta(1) < offset < timedelta(1):
        raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and '
                         'timedelta(hours=24), not %r.' % offset)
    return offset


# ---------------------------------------------------------------------------------------------
# timedelta


class timedelta:
    """A duration: days, seconds (0..86399) and microseconds (0..999999), normalised."""

    __slots__ = ('_days', '_seconds', '_microseconds', '_hashcode')

    def __new__(cls, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0,
                weeks=0):
        # Sum every component exactly as a fraction of microseconds, then round once (ties to
        # even), which is what CPython's result amounts to for ordinary inputs.
        num, den = 0, 1
        for value, scale in ((days, 86400000000), (seconds, 1000000), (microseconds, 1),
                             (milliseconds, 1000), (minutes, 60000000), (hours, 3600000000),
                             (weeks, 604800000000)):
            n, d = _ratio(value)
            num = num * d + n * scale * den
            den *= d
        return cls._from_us(_round_half_even(num, den))

    @classmethod
    def _from_us(cls, us):
        self = object.__new__(cls)
        s, us = divmod(us, 1000000)
        d, s = divmod(s, 86400)
        if not -999999999 <= d <= 999999999:
            raise OverflowError('days=%d; must have magnitude <= 999999999' % d)
        self._days = d
        self._seconds = s
        self._microseconds = us
        self._hashcode = -1
        return self

    @property
    def days(self):
        return self._days

    @property
    def seconds(self):
        return self._seconds

    @property
    def microseconds(self):
        return self._microseconds

    def _to_us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        return self._to_us() / 10 ** 6

    def __repr__(self):
        args = []
        if self._days:
            args.append('days=%d' % self._days)
        if self._seconds:
            args.append('seconds=%d' % self._seconds)
        if self._microseconds:
            args.append('microseconds=%d' % self._microseconds)
        if not args:
            args.append('0')
        return '%s(%s)' % (_cls_name(self), ', '.join(args))

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = '%d:%02d:%02d' % (hh, mm, ss)
        if self._days:
            plural = '' if abs(self._days) == 1 else 's'
            s = '%d day%s, ' % (self._days, plural) + s
        if self._microseconds:
            s += '.%06d' % self._microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._to_us() + other._to_us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._to_us() - other._to_us())
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return -self + other
        return NotImplemented

    def __neg__(self):
        return timedelta._from_us(-self._to_us())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, int):
            return timedelta._from_us(self._to_us() * other)
        if isinstance(other, float):
            n, d = other.as_integer_ratio()
            return timedelta._from_us(_round_half_even(self._to_us() * n, d))
        return NotImplemented

    __rmul__ = __mul__

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            if not other._to_us():
                raise ZeroDivisionError('integer division or modulo by zero')
            return self._to_us() // other._to_us()
        if isinstance(other, int):
            if not other:
                raise ZeroDivisionError('integer division or modulo by zero')
            return timedelta._from_us(self._to_us() // other)
        return NotImplemented

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            if not other._to_us():
                raise ZeroDivisionError('division by zero')
            return self._to_us() / other._to_us()
        if isinstance(other, int):
            if not other:
                raise ZeroDivisionError('division by zero')
            return timedelta._from_us(_round_half_even(self._to_us() * (1 if other > 0 else -1),
                                                       abs(other)))
        if isinstance(other, float):
            n, d = other.as_integer_ratio()
            if not n:
                raise ZeroDivisionError('division by zero')
            if n < 0:
                n, d = -n, -d
            return timedelta._from_us(_round_half_even(self._to_us() * d, n))
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            if not other._to_us():
                raise ZeroDivisionError('integer division or modulo by zero')
            return timedelta._from_us(self._to_us() % other._to_us())
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            if not other._to_us():
                raise ZeroDivisionError('integer division or modulo by zero')
            q, r = divmod(self._to_us(), other._to_us())
            return q, timedelta._from_us(r)
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() == other._to_us()
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() != other._to_us()
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() < other._to_us()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() <= other._to_us()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() > other._to_us()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() >= other._to_us()
        return NotImplemented

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash((self._days, self._seconds, self._microseconds))
        return self._hashcode

    def __bool__(self):
        return bool(self._days or self._seconds or self._microseconds)


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59,
                          microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


# ---------------------------------------------------------------------------------------------
# strftime / strptime


def _wday_sunday0(weekday):
    return (weekday + 1) % 7


def _strftime(fmt, year, month, day, hour, minute, second, microsecond, weekday, yday, offset,
              tzname_value, iso):
    """Expands fmt's directives; weekday is Monday=0, yday is 1-based, iso() gives the ISO
    (year, week, weekday)."""
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = fmt[i + 1]
        i += 2
        if d == 'a':
            out.append(_DAY_NAMES[weekday][:3])
        elif d == 'A':
            out.append(_DAY_NAMES[weekday])
        elif d == 'w':
            out.append(str(_wday_sunday0(weekday)))
        elif d == 'u':
            out.append(str(weekday + 1))
        elif d == 'd':
            out.append('%02d' % day)
        elif d == 'e':
            out.append('%2d' % day)
        elif d in 'bh':
            out.append(_MONTH_NAMES[month - 1][:3])
        elif d == 'B':
            out.append(_MONTH_NAMES[month - 1])
        elif d == 'm':
            out.append('%02d' % month)
        elif d == 'y':
            out.append('%02d' % (year % 100))
        elif d == 'Y':
            out.append(str(year))
        elif d == 'C':
            out.append(str(year // 100))
        elif d == 'H':
            out.append('%02d' % hour)
        elif d == 'I':
            out.append('%02d' % (hour % 12 or 12))
        elif d == 'p':
            out.append('AM' if hour < 12 else 'PM')
        elif d == 'M':
            out.append('%02d' % minute)
        elif d == 'S':
            out.append('%02d' % second)
        elif d == 'f':
            out.append('%06d' % microsecond)
        elif d == 'z':
            out.append(_format_offset(offset, ''))
        elif d == 'Z':
            out.append(tzname_value or '')
        elif d == 'j':
            out.append('%03d' % yday)
        elif d == 'U':
            out.append('%02d' % ((yday - 1 + 7 - _wday_sunday0(weekday)) // 7))
        elif d == 'W':
            out.append('%02d' % ((yday - 1 + 7 - weekday) // 7))
        elif d == 'G':
            out.append(str(iso()[0]))
        elif d == 'V':
            out.append('%02d' % iso()[1])
        elif d == 'c':
            out.append('%s %s %2d %02d:%02d:%02d %d' % (
                _DAY_NAMES[weekday][:3], _MONTH_NAMES[month - 1][:3], day, hour, minute, second,
                year))
        elif d == 'x' or d == 'D':
            out.append('%02d/%02d/%02d' % (month, day, year % 100))
        elif d == 'X' or d == 'T':
            out.append('%02d:%02d:%02d' % (hour, minute, second))
        elif d == 'R':
            out.append('%02d:%02d' % (hour, minute))
        elif d == 'F':
            out.append('%d-%02d-%02d' % (year, month, day))
        elif d == 'n':
            out.append('\n')
        elif d == 't':
            out.append('\t')
        elif d == '%':
            out.append('%')
        else:
            # glibc leaves an unknown directive as it is.
            out.append('%' + d)
    return ''.join(out)


_STRPTIME_PATTERNS = {
    'Y': r'(?P<Y>\d{4})',
    'y': r'(?P<y>\d{2})',
    'm': r'(?P<m>1[0-2]|0[1-9]|[1-9])',
    'd': r'(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])',
    'e': r'(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])',
    'H': r'(?P<H>2[0-3]|[0-1]\d|\d)',
    'I': r'(?P<I>1[0-2]|0[1-9]|[1-9])',
    'M': r'(?P<M>[0-5]\d|\d)',
    'S': r'(?P<S>6[0-1]|[0-5]\d|\d)',
    'f': r'(?P<f>[0-9]{1,6})',
    'j': r'(?P<j>36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])',
    'p': r'(?P<p>am|pm)',
    'b': r'(?P<b>' + '|'.join(m[:3] for m in _MONTH_NAMES) + ')',
    'h': r'(?P<b>' + '|'.join(m[:3] for m in _MONTH_NAMES) + ')',
    'B': r'(?P<B>' + '|'.join(_MONTH_NAMES) + ')',
    'a': r'(?P<a>' + '|'.join(d[:3] for d in _DAY_NAMES) + ')',
    'A': r'(?P<A>' + '|'.join(_DAY_NAMES) + ')',
    'z': r'(?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))',
    'Z': r'(?P<Z>utc|gmt)',
    'w': r'(?P<w>[0-6])',
    'u': r'(?P<u>[1-7])',
}


def _strptime(data, fmt):
    import re
    if not isinstance(data, str):
        raise TypeError('strptime() argument 1 must be str, not %s' % type(data).__name__)
    if not isinstance(fmt, str):
        raise TypeError('strptime() argument 2 must be str, not %s' % type(fmt).__name__)
    parts = []
    seen = set()
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == '%' and i + 1 < len(fmt):
            d = fmt[i + 1]
            i += 2
            if d == '%':
                parts.append('%')
                continue
            if d not in _STRPTIME_PATTERNS:
                if d in 'cxXUWGV':
                    raise NotImplementedError(
                        'pyvgc: datetime.strptime does not support the %%%s directive' % d)
                raise ValueError("'%s' is a bad directive in format '%s'" % (d, fmt))
            pat = _STRPTIME_PATTERNS[d]
            if d in seen or (d == 'e' and 'd' in seen) or (d == 'd' and 'e' in seen) or \
                    (d in 'bh' and ('b' in seen or 'h' in seen)):
                raise NotImplementedError('pyvgc: a repeated strptime directive (%%%s)' % d)
            seen.add(d)
            parts.append(pat)
        elif c == '%':
            raise ValueError("stray %% in format '%s'" % fmt)
        elif c.isspace():
            while i < len(fmt) and fmt[i].isspace():
                i += 1
            parts.append(r'\s+')
            continue
        else:
            parts.append(re.escape(c))
            i += 1
    m = re.match(''.join(parts), data, re.IGNORECASE)
    if m is None:
        raise ValueError("time data %r does not match format %r" % (data, fmt))
    if m.end() != len(data):
        raise ValueError('unconverted data remains: %s' % data[m.end():])
    g = m.groupdict()
    year, month, day, hour, minute, second, us = 1900, 1, 1, 0, 0, 0, 0
    tz = None
    if g.get('Y') is not None:
        year = int(g['Y'])
    elif g.get('y') is not None:
        y = int(g['y'])
        year = y + (2000 if y <= 68 else 1900)
    if g.get('m') is not None:
        month = int(g['m'])
    elif g.get('B') is not None:
        month = [n.lower() for n in _MONTH_NAMES].index(g['B'].lower()) + 1
    elif g.get('b') is not None:
        month = [n[:3].lower() for n in _MONTH_NAMES].index(g['b'].lower()) + 1
    if g.get('d') is not None:
        day = int(g['d'])
    if g.get('H') is not None:
        hour = int(g['H'])
    elif g.get('I') is not None:
        hour = int(g['I']) % 12
        if g.get('p') is not None and g['p'].lower() == 'pm':
            hour += 12
    if g.get('M') is not None:
        minute = int(g['M'])
    if g.get('S') is not None:
        second = min(int(g['S']), 59)
    if g.get('f') is not None:
        us = int(g['f'] + '0' * (6 - len(g['f'])))
    if g.get('j') is not None and g.get('m') is None and g.get('b') is None and \
            g.get('B') is None:
        year, month, day = _ord2ymd(_days_before_year(year) + int(g['j']))
    if g.get('z') is not None:
        z = g['z']
        if z.upper() == 'Z':
            tz = timezone.utc
        else:
            sign = -1 if z[0] == '-' else 1
            z = z[1:].replace(':', '')
            frac = 0
            if '.' in z:
                z, f = z.split('.')
                frac = int(f + '0' * (6 - len(f)))
            off = timedelta(hours=int(z[:2]), minutes=int(z[2:4]),
                            seconds=int(z[4:6] or 0), microseconds=frac)
            tz = timezone(sign * off)
    return year, month, day, hour, minute, second, us, tz


# ---------------------------------------------------------------------------------------------
# ISO 8601 parsing


def _parse_isodate(s):
    """(year, month, day) from 'YYYY-MM-DD', 'YYYYMMDD', 'YYYY-Www[-D]' or 'YYYYWww[D]'."""
    if len(s) >= 8 and s[4] == '-' and s[5] == 'W' or len(s) >= 7 and s[4] == 'W':
        dash = s[4] == '-'
        rest = s[6:] if dash else s[5:]
        week = rest[:2]
        dayp = rest[2:]
        if dash and dayp:
            if dayp[0] != '-':
                raise ValueError
            dayp = dayp[1:]
        if not (s[:4].isdigit() and week.isdigit() and len(week) == 2 and
                (dayp == '' or (len(dayp) == 1 and dayp.isdigit()))):
            raise ValueError
        return _isocal_to_ymd(int(s[:4]), int(week), int(dayp or 1))
    if len(s) == 10 and s[4] == '-' and s[7] == '-':
        y, m, d = s[:4], s[5:7], s[8:10]
    elif len(s) == 8:
        y, m, d = s[:4], s[4:6], s[6:8]
    else:
        raise ValueError
    if not (y.isdigit() and m.isdigit() and d.isdigit() and y.isascii() and m.isascii() and
            d.isascii()):
        raise ValueError
    return int(y), int(m), int(d)


def _isocal_to_ymd(year, week, day):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('Year is out of range: %d' % year)
    if not 0 < week < 53:
        out_of_range = True
        if week == 53:
            first_weekday = _ymd2ord(year, 1, 1) % 7
            if first_weekday == 4 or (first_weekday == 3 and _is_leap(year)):
                out_of_range = False
        if out_of_range:
            raise ValueError('Invalid week: %d' % week)
    if not 0 < day < 8:
        raise ValueError('Invalid weekday: %d (range is [1, 7])' % day)
    return _ord2ymd(_iso_week1_monday(year) + (week - 1) * 7 + day - 1)


def _iso_week1_monday(year):
    first = _ymd2ord(year, 1, 1)
    wd = (first + 6) % 7
    monday = first - wd
    if wd > 3:
        monday += 7
    return monday


def _digits(s):
    if not s or not s.isdigit() or not s.isascii():
        raise ValueError
    return int(s)


def _parse_isotime(s):
    """(hour, minute, second, microsecond, tzinfo) from 'HH[:MM[:SS[.fff...]]][tz]'."""
    tz = None
    for i, c in enumerate(s):
        if c in '+-Z':
            tzs = s[i:]
            s = s[:i]
            if tzs == 'Z':
                tz = timezone.utc
            else:
                if tzs[0] == 'Z':
                    raise ValueError
                h, mi, se, us, _ = _parse_isotime(tzs[1:])
                off = timedelta(hours=h, minutes=mi, seconds=se, microseconds=us)
                tz = timezone.utc if not off else timezone(-off if tzs[0] == '-' else off)
            break
    frac = 0
    for sep in '.,':
        if sep in s:
            s, f = s.split(sep, 1)
            if not f or not f.isdigit() or len(s.replace(':', '')) != 6:
                raise ValueError
            frac = int((f + '000000')[:6])
            break
    if ':' in s:
        pieces = s.split(':')
        if len(pieces) > 3 or any(len(p) != 2 for p in pieces):
            raise ValueError
    else:
        if len(s) not in (2, 4, 6):
            raise ValueError
        pieces = [s[k:k + 2] for k in range(0, len(s), 2)]
    nums = [_digits(p) for p in pieces] + [0, 0]
    return nums[0], nums[1], nums[2], frac, tz


# ---------------------------------------------------------------------------------------------
# date


class date:
    """A calendar date (year, month, day) in the proleptic Gregorian calendar."""

    __slots__ = ('_year', '_month', '_day', '_hashcode')

    def __new__(cls, year, month=None, day=None):
        if month is None or day is None:
            raise TypeError("function missing required argument '%s' (pos %d)"
                            % (('month', 2) if month is None else ('day', 3)))
        _check_date_fields(year, month, day)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        self._hashcode = -1
        return self

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d = _time.localtime(t)[:3]
        return cls(y, m, d)

    @classmethod
    def fromordinal(cls, n):
        _check_int('ordinal', n)
        if not 1 <= n <= _ymd2ord(MAXYEAR, 12, 31):
            raise ValueError('ordinal must be >= 1' if n < 1 else 'year %d is out of range'
                             % _ord2ymd(n)[0])
        return cls(*_ord2ymd(n))

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            ymd = _parse_isodate(s)
        except ValueError:
            raise ValueError('Invalid isoformat string: %r' % s) from None
        return cls(*ymd)

    @classmethod
    def fromisocalendar(cls, year, week, day):
        return cls(*_isocal_to_ymd(year, week, day))

    @property
    def year(self):
        return self._year

    @property
    def month(self):
        return self._month

    @property
    def day(self):
        return self._day

    def __repr__(self):
        return '%s(%d, %d, %d)' % (_cls_name(self), self._year, self._month, self._day)

    def isoformat(self):
        return '%04d-%02d-%02d' % (self._year, self._month, self._day)

    __str__ = isoformat

    def ctime(self):
        return '%s %s %2d 00:00:00 %04d' % (
            _DAY_NAMES[self.weekday()][:3], _MONTH_NAMES[self._month - 1][:3], self._day,
            self._year)

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, 0, 0, 0, 0, self.weekday(),
                         self._yday(), None, None, self.isocalendar)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError('must be str, not %s' % type(fmt).__name__)
        if fmt:
            return self.strftime(fmt)
        return str(self)

    def _yday(self):
        return _days_before_month(self._year, self._month) + self._day

    def timetuple(self):
        return (self._year, self._month, self._day, 0, 0, 0, self.weekday(), self._yday(), -1)

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        year = self._year
        today = self.toordinal()
        week1 = _iso_week1_monday(year)
        week, day = divmod(today - week1, 7)
        if week < 0:
            year -= 1
            week, day = divmod(today - _iso_week1_monday(year), 7)
        elif week >= 52 and today >= _iso_week1_monday(year + 1):
            year += 1
            week = 0
        return IsoCalendarDate(year, week + 1, day + 1)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year,
                          self._month if month is None else month,
                          self._day if day is None else day)

    def _key(self):
        return self._year, self._month, self._day

    def _comparable(self, other):
        return isinstance(other, date) and not isinstance(self, datetime) and \
            not isinstance(other, datetime)

    def __eq__(self, other):
        if isinstance(other, datetime) or isinstance(self, datetime):
            return NotImplemented
        if isinstance(other, date):
            return self._key() == other._key()
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        if self._comparable(other):
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if self._comparable(other):
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if self._comparable(other):
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if self._comparable(other):
            return self._key() >= other._key()
        return NotImplemented

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash(self._key())
        return self._hashcode

    def __add__(self, other):
        if isinstance(other, timedelta):
            n = self.toordinal() + other.days
            if 0 < n <= _ymd2ord(MAXYEAR, 12, 31):
                return type(self).fromordinal(n)
            raise OverflowError('date value out of range')
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


class IsoCalendarDate(tuple):
    """The (year, week, weekday) result of isocalendar()."""

    def __new__(cls, year, week, weekday):
        return tuple.__new__(cls, (year, week, weekday))

    @property
    def year(self):
        return self[0]

    @property
    def week(self):
        return self[1]

    @property
    def weekday(self):
        return self[2]

    def __repr__(self):
        return '%s(year=%d, week=%d, weekday=%d)' % (_cls_name(self), self[0], self[1],
                                                     self[2])


# ---------------------------------------------------------------------------------------------
# tzinfo and timezone


class tzinfo:
    """Abstract base class for time zone information."""

    __slots__ = ()

    def tzname(self, dt):
        raise NotImplementedError('tzinfo subclass must override tzname()')

    def utcoffset(self, dt):
        raise NotImplementedError('tzinfo subclass must override utcoffset()')

    def dst(self, dt):
        raise NotImplementedError('tzinfo subclass must override dst()')

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError('fromutc() requires a datetime argument')
        if dt.tzinfo is not self:
            raise ValueError('dt.tzinfo is not self')
        off = dt.utcoffset()
        if off is None:
            raise ValueError('fromutc() requires a non-None utcoffset() result')
        dst = dt.dst()
        if dst is None:
            raise ValueError('fromutc() requires a non-None dst() result')
        std = off - dst
        if std:
            dt += std
            dst = dt.dst()
            if dst is None:
                raise ValueError('fromutc(): dt.dst gave inconsistent results; cannot convert')
        return dt + dst


class timezone(tzinfo):
    """A fixed offset from UTC."""

    __slots__ = ('_offset', '_name')

    def __new__(cls, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError('timezone() argument 1 must be datetime.timedelta, not %s'
                            % type(offset).__name__)
        if name is not None and not isinstance(name, str):
            raise TypeError('timezone() argument 2 must be str, not %s' % type(name).__name__)
        if not -timedelta(1) < offset < timedelta(1):
            raise ValueError('offset must be a timedelta strictly between '
                             '-timedelta(hours=24) and timedelta(hours=24), not %r.' % offset)
        if name is None and not offset and cls is timezone and '_utc' in globals():
            return _utc
        self = tzinfo.__new__(cls)
        self._offset = offset
        self._name = name
        return self

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self is _utc:
            return 'datetime.timezone.utc'
        if self._name is None:
            return '%s(%r)' % (_cls_name(self), self._offset)
        return '%s(%r, %r)' % (_cls_name(self), self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def utcoffset(self, dt):
        if isinstance(dt, datetime) or dt is None:
            return self._offset
        raise TypeError('utcoffset() argument must be a datetime instance or None')

    def tzname(self, dt):
        if isinstance(dt, datetime) or dt is None:
            if self._name is not None:
                return self._name
            if not self._offset:
                return 'UTC'
            return 'UTC' + _format_offset(self._offset)
        raise TypeError('tzname() argument must be a datetime instance or None')

    def dst(self, dt):
        if isinstance(dt, datetime) or dt is None:
            return None
        raise TypeError('dst() argument must be a datetime instance or None')

    def fromutc(self, dt):
        if isinstance(dt, datetime):
            if dt.tzinfo is not self:
                raise ValueError('fromutc: dt.tzinfo is not self')
            return dt + self._offset
        raise TypeError('fromutc() argument must be a datetime instance or None')


_utc = timezone(timedelta(0))
timezone.utc = _utc
timezone.min = timezone(-timedelta(hours=23, minutes=59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = _utc


# ---------------------------------------------------------------------------------------------
# time


def _isoformat_time(hh, mm, ss, us, timespec):
    if timespec == 'auto':
        timespec = 'microseconds' if us else 'seconds'
    if timespec == 'hours':
        return '%02d' % hh
    if timespec == 'minutes':
        return '%02d:%02d' % (hh, mm)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (hh, mm, ss)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (hh, mm, ss, us // 1000)
    if timespec == 'microseconds':
        return '%02d:%02d:%02d.%06d' % (hh, mm, ss, us)
    raise ValueError('Unknown timespec value')


def _time_repr_args(hh, mm, ss, us):
    if us:
        return '%d, %d, %d, %d' % (hh, mm, ss, us)
    if ss:
        return '%d, %d, %d' % (hh, mm, ss)
    return '%d, %d' % (hh, mm)


class time:
    """A time of day, optionally with a tzinfo."""

    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold', '_hashcode')

    def __new__(cls, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        _check_time_fields(hour, minute, second, microsecond, fold)
        _check_tzinfo(tzinfo)
        self = object.__new__(cls)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._fold = fold
        self._hashcode = -1
        return self

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            t = s[1:] if s[:1] == 'T' else s
            hh, mm, ss, us, tz = _parse_isotime(t)
        except (ValueError, IndexError):
            raise ValueError('Invalid isoformat string: %r' % s) from None
        return cls(hh, mm, ss, us, tz)

    def utcoffset(self):
        if self._tzinfo is None:
            return None
        return _check_utc_offset('utcoffset', self._tzinfo.utcoffset(None))

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(None)

    def dst(self):
        if self._tzinfo is None:
            return None
        return _check_utc_offset('dst', self._tzinfo.dst(None))

    def isoformat(self, timespec='auto'):
        s = _isoformat_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        return s + _format_offset(self.utcoffset())

    __str__ = isoformat

    def __repr__(self):
        s = '%s(%s' % (_cls_name(self), _time_repr_args(self._hour, self._minute, self._second,
                                                        self._microsecond))
        if self._tzinfo is not None:
            s += ', tzinfo=%r' % self._tzinfo
        if self._fold:
            s += ', fold=1'
        return s + ')'

    def strftime(self, fmt):
        return _strftime(fmt, 1900, 1, 1, self._hour, self._minute, self._second,
                         self._microsecond, 0, 1, self.utcoffset(), self.tzname(),
                         lambda: (1900, 1, 1))

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError('must be str, not %s' % type(fmt).__name__)
        return self.strftime(fmt) if fmt else str(self)

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True, *,
                fold=None):
        return type(self)(self._hour if hour is None else hour,
                          self._minute if minute is None else minute,
                          self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    def _cmpkey(self, other, eq):
        off1 = self.utcoffset()
        off2 = other.utcoffset()
        if self._tzinfo is other._tzinfo or off1 == off2:
            base = 0
        elif off1 is None or off2 is None:
            if eq:
                return None
            raise TypeError("can't compare offset-naive and offset-aware times")
        else:
            base = 1
        k1 = (self._hour * 3600 + self._minute * 60 + self._second, self._microsecond)
        k2 = (other._hour * 3600 + other._minute * 60 + other._second, other._microsecond)
        if base:
            k1 = (k1[0] - off1 // timedelta(seconds=1), k1[1])
            k2 = (k2[0] - off2 // timedelta(seconds=1), k2[1])
        return k1, k2

    def __eq__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        k = self._cmpkey(other, True)
        return k is not None and k[0] == k[1]

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        k = self._cmpkey(other, False)
        return k[0] < k[1]

    def __le__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        k = self._cmpkey(other, False)
        return k[0] <= k[1]

    def __gt__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        k = self._cmpkey(other, False)
        return k[0] > k[1]

    def __ge__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        k = self._cmpkey(other, False)
        return k[0] >= k[1]

    def __hash__(self):
        if self._hashcode == -1:
            off = self.utcoffset()
            secs = self._hour * 3600 + self._minute * 60 + self._second
            if off is not None:
                secs -= off // timedelta(seconds=1)
            self._hashcode = hash((secs, self._microsecond))
        return self._hashcode

    def __bool__(self):
        return True


time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


# ---------------------------------------------------------------------------------------------
# datetime


_EPOCH_ORD = _ymd2ord(1970, 1, 1)


class datetime(date):
    """A date and a time of day, optionally with a tzinfo."""

    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold')

    def __new__(cls, year, month=None, day=None, hour=0, minute=0, second=0, microsecond=0,
                tzinfo=None, *, fold=0):
        if month is None or day is None:
            raise TypeError("function missing required argument '%s' (pos %d)"
                            % (('month', 2) if month is None else ('day', 3)))
        _check_date_fields(year, month, day)
        _check_time_fields(hour, minute, second, microsecond, fold)
        _check_tzinfo(tzinfo)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._fold = fold
        self._hashcode = -1
        return self

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    @classmethod
    def _from_epoch_us(cls, us, tz):
        days, us = divmod(us, 86400000000)
        secs, us = divmod(us, 1000000)
        hh, secs = divmod(secs, 3600)
        mm, ss = divmod(secs, 60)
        n = _EPOCH_ORD + days
        if not 0 < n <= _ymd2ord(MAXYEAR, 12, 31):
            raise OverflowError('date value out of range')
        y, m, d = _ord2ymd(n)
        return cls(y, m, d, hh, mm, ss, us, tz)

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        _check_tzinfo(tz)
        if isinstance(t, float):
            n, d = t.as_integer_ratio()
            us = _round_half_even(n * 1000000, d)
        else:
            us = _check_int('timestamp', t) * 1000000
        if tz is not None:
            return tz.fromutc(cls._from_epoch_us(us, tz))
        secs, frac = divmod(us, 1000000)
        lt = _time.localtime(secs)
        return cls(lt[0], lt[1], lt[2], lt[3], lt[4], min(lt[5], 59), frac)

    @classmethod
    def utcfromtimestamp(cls, t):
        if isinstance(t, float):
            n, d = t.as_integer_ratio()
            us = _round_half_even(n * 1000000, d)
        else:
            us = _check_int('timestamp', t) * 1000000
        return cls._from_epoch_us(us, None)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def utcnow(cls):
        return cls.utcfromtimestamp(_time.time())

    @classmethod
    def fromordinal(cls, n):
        return cls.combine(date.fromordinal(n), time())

    @classmethod
    def combine(cls, d, t, tzinfo=True):
        if not isinstance(d, date):
            raise TypeError("combine() argument 1 must be datetime.date, not %s"
                            % type(d).__name__)
        if not isinstance(t, time):
            raise TypeError("combine() argument 2 must be datetime.time, not %s"
                            % type(t).__name__)
        if tzinfo is True:
            tzinfo = t.tzinfo
        return cls(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond, tzinfo,
                   fold=t.fold)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            if len(s) > 10 and s[4] == '-' and s[5] != 'W':
                ds, ts = s[:10], s[11:]
            elif len(s) > 8 and s[4] != '-' and 'W' not in s[:8]:
                ds, ts = s[:8], s[9:]
            else:
                cut = len(s)
                for sep in 'T ':
                    if sep in s[7:]:
                        cut = s.index(sep, 7)
                        break
                ds, ts = s[:cut], s[cut + 1:]
            if len(s) > len(ds) and not ts:
                raise ValueError
            y, m, d = _parse_isodate(ds)
            hh, mm, ss, us, tz = _parse_isotime(ts) if ts else (0, 0, 0, 0, None)
        except (ValueError, IndexError):
            raise ValueError('Invalid isoformat string: %r' % s) from None
        return cls(y, m, d, hh, mm, ss, us, tz)

    @classmethod
    def strptime(cls, data, fmt):
        y, m, d, hh, mm, ss, us, tz = _strptime(data, fmt)
        return cls(y, m, d, hh, mm, ss, us, tz)

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond, fold=self._fold)

    def timetz(self):
        return time(self._hour, self._minute, self._second, self._microsecond, self._tzinfo,
                    fold=self._fold)

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(self._year if year is None else year,
                          self._month if month is None else month,
                          self._day if day is None else day,
                          self._hour if hour is None else hour,
                          self._minute if minute is None else minute,
                          self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    def utcoffset(self):
        if self._tzinfo is None:
            return None
        return _check_utc_offset('utcoffset', self._tzinfo.utcoffset(self))

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(self)

    def dst(self):
        if self._tzinfo is None:
            return None
        return _check_utc_offset('dst', self._tzinfo.dst(self))

    def _naive_us(self):
        """Microseconds since 1970-01-01 00:00 of the wall-clock fields."""
        days = self.toordinal() - _EPOCH_ORD
        secs = days * 86400 + self._hour * 3600 + self._minute * 60 + self._second
        return secs * 1000000 + self._microsecond

    def _local_offset_us(self, utc_us):
        secs = utc_us // 1000000
        lt = _time.localtime(secs)
        local = (_ymd2ord(lt[0], lt[1], lt[2]) - _EPOCH_ORD) * 86400 + lt[3] * 3600 + \
            lt[4] * 60 + lt[5]
        return (local - secs) * 1000000

    def timestamp(self):
        if self._tzinfo is None:
            naive = self._naive_us()
            # Local time: the offset at the instant the wall clock shows (one correction step).
            off = self._local_offset_us(naive)
            off = self._local_offset_us(naive - off)
            return (naive - off) / 10 ** 6
        return (self - _EPOCH).total_seconds()

    def utctimetuple(self):
        off = self.utcoffset()
        dt = self if off is None else (self - off).replace(tzinfo=None)
        return (dt._year, dt._month, dt._day, dt._hour, dt._minute, dt._second, dt.weekday(),
                dt._yday(), 0)

    def timetuple(self):
        d = self.dst()
        isdst = -1 if d is None else int(bool(d))
        return (self._year, self._month, self._day, self._hour, self._minute, self._second,
                self.weekday(), self._yday(), isdst)

    def astimezone(self, tz=None):
        if tz is not None:
            _check_tzinfo(tz)
        off = self.utcoffset()
        if off is None:
            naive = self._naive_us()
            loff = self._local_offset_us(naive)
            utc_us = naive - self._local_offset_us(naive - loff)
        else:
            utc_us = self._naive_us() - off._to_us()
        if tz is None:
            loff = self._local_offset_us(utc_us)
            lt = _time.localtime(utc_us // 1000000)
            tz = timezone(timedelta(microseconds=loff), _time.strftime('%Z', lt))
        if tz is self._tzinfo:
            return self
        return tz.fromutc(type(self)._from_epoch_us(utc_us, tz))

    def ctime(self):
        return '%s %s %2d %02d:%02d:%02d %04d' % (
            _DAY_NAMES[self.weekday()][:3], _MONTH_NAMES[self._month - 1][:3], self._day,
            self._hour, self._minute, self._second, self._year)

    def isoformat(self, sep='T', timespec='auto'):
        s = '%04d-%02d-%02d%s' % (self._year, self._month, self._day, sep)
        s += _isoformat_time(self._hour, self._minute, self._second, self._microsecond,
                             timespec)
        return s + _format_offset(self.utcoffset())

    def __str__(self):
        return self.isoformat(sep=' ')

    def __repr__(self):
        s = '%s(%d, %d, %d, %s' % (_cls_name(self), self._year, self._month, self._day,
                                   _time_repr_args(self._hour, self._minute, self._second,
                                                   self._microsecond))
        if self._tzinfo is not None:
            s += ', tzinfo=%r' % self._tzinfo
        if self._fold:
            s += ', fold=1'
        return s + ')'

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, self._hour, self._minute,
                         self._second, self._microsecond, self.weekday(), self._yday(),
                         self.utcoffset(), self.tzname(), self.isocalendar)

    def _cmp(self, other, eq):
        if self._tzinfo is other._tzinfo:
            a, b = self._naive_us(), other._naive_us()
        else:
            off1 = self.utcoffset()
            off2 = other.utcoffset()
            if (off1 is None) != (off2 is None):
                if eq:
                    return 2
                raise TypeError("can't compare offset-naive and offset-aware datetimes")
            a, b = self._naive_us(), other._naive_us()
            if off1 is not None:
                a -= off1._to_us()
                b -= off2._to_us()
        return _cmp(a, b)

    def __eq__(self, other):
        if isinstance(other, datetime):
            return self._cmp(other, True) == 0
        if isinstance(other, date):
            return False
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def _order(self, other):
        if isinstance(other, datetime):
            return self._cmp(other, False)
        if isinstance(other, date):
            raise TypeError("can't compare %s to %s" % (_cls_name(self), _cls_name(other)))
        return None

    def __lt__(self, other):
        c = self._order(other)
        return NotImplemented if c is None else c < 0

    def __le__(self, other):
        c = self._order(other)
        return NotImplemented if c is None else c <= 0

    def __gt__(self, other):
        c = self._order(other)
        return NotImplemented if c is None else c > 0

    def __ge__(self, other):
        c = self._order(other)
        return NotImplemented if c is None else c >= 0

    def __hash__(self):
        if self._hashcode == -1:
            us = self._naive_us()
            off = self.utcoffset()
            if off is not None:
                us -= off._to_us()
            self._hashcode = hash(us)
        return self._hashcode

    def __add__(self, other):
        if not isinstance(other, timedelta):
            return NotImplemented
        us = self._naive_us() + other._to_us()
        r = type(self)._from_epoch_us(us, self._tzinfo)
        return r

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + -other
        if not isinstance(other, datetime):
            return NotImplemented
        a, b = self._naive_us(), other._naive_us()
        if self._tzinfo is not other._tzinfo:
            off1 = self.utcoffset()
            off2 = other.utcoffset()
            if (off1 is None) != (off2 is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            if off1 is not None:
                a -= off1._to_us()
                b -= off2._to_us()
        return timedelta._from_us(a - b)


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
