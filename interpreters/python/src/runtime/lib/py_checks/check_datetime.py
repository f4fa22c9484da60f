import datetime as dt
import random
random.seed(7)
from datetime import date, time, datetime, timedelta, timezone

def show(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r), str(r))
    except Exception as e:
        print(type(e).__name__, e)

for _ in range(120):
    o = random.randint(1, 3652059)
    d = date.fromordinal(o)
    print(d, repr(d), d.toordinal() == o, d.weekday(), d.isoweekday(), tuple(d.isocalendar()),
          d.ctime(), d.strftime('%a %A %b %B %d %j %U %W %w %u %y %G %V %m %C %e %D %F %x'))
    print(date.fromisocalendar(*d.isocalendar()) == d, date.fromisoformat(d.isoformat()) == d)
for _ in range(60):
    a = timedelta(days=random.randint(-99999, 99999), seconds=random.randint(-99999, 99999),
                  microseconds=random.randint(-10**7, 10**7))
    b = timedelta(hours=random.uniform(-100, 100), minutes=random.randint(-3, 3))
    print(repr(a), str(a), repr(b), str(b), a + b, a - b, -a, abs(b), a * 3, b * 0.37,
          a / 7, b / 2.5, a // timedelta(hours=5), a % timedelta(hours=5), a < b, a == b,
          a.total_seconds(), bool(a), divmod(a, timedelta(minutes=7)))
    n = random.randint(-5000, 5000)
    x = datetime(2000, 2, 29, 12, 30, 15, random.choice([0, 5, 999999])) + timedelta(days=n, seconds=n * 37)
    print(repr(x), x, x.isoformat(), x.isoformat(timespec='milliseconds'),
          x.strftime('%Y-%m-%d %H:%M:%S.%f %I %p %c %X'), x.timestamp() if False else '',
          x - datetime(2000, 1, 1), datetime.fromisoformat(x.isoformat()) == x)
    print(datetime.strptime(x.strftime('%d/%m/%Y %H:%M:%S.%f'), '%d/%m/%Y %H:%M:%S.%f') == x)
print(timedelta(0), repr(timedelta(0)), timedelta(days=1), timedelta(days=-1, seconds=5),
      timedelta(weeks=2, milliseconds=1.5), timedelta.max, timedelta.min, repr(timedelta.resolution))
show(timedelta, days=10**9)
show(date, 2023, 2, 29)
show(date, 0, 1, 1)
show(date, 2023, 13, 1)
show(date.fromisoformat, '2023-1-05')
show(date.fromisoformat, '20230105')
show(date.fromisoformat, '2023-W05-3')
show(time, 24)
show(time, 12, 30)
show(time, 12, 30, 5, 12)
show(time.fromisoformat, '12:30:05.123')
show(time.fromisoformat, '12:30:05+01:30')
show(time.fromisoformat, '1230')
print(time(1, 2, 3, 4).isoformat('hours'), time(1, 2).isoformat('milliseconds'), time(9, 5).strftime('%H|%M|%S|%p'))
utc = timezone.utc
tz1 = timezone(timedelta(hours=5, minutes=30))
tz2 = timezone(timedelta(hours=-8), 'PST')
for tz in (utc, tz1, tz2, timezone(timedelta(0)), timezone.min, timezone.max, dt.UTC):
    print(repr(tz), str(tz), tz.tzname(None), tz.utcoffset(None), tz.dst(None))
print(timezone(timedelta(0)) is utc, tz1 == timezone(timedelta(minutes=330)))
a = datetime(2024, 3, 10, 1, 30, tzinfo=tz2)
b = a.astimezone(utc)
print(repr(a), a, repr(b), b, a == b, a - b, b.astimezone(tz1), a.utcoffset(), a.tzname(),
      a.strftime('%z %Z'), a.timestamp(), a.timetz(), a.date(), a.time())
print(datetime.fromtimestamp(1700000000.25, utc), datetime.fromtimestamp(0, tz1),
      datetime.utcfromtimestamp(86400 * 365.25))
show(lambda: datetime(2024, 1, 1) < datetime(2024, 1, 1, tzinfo=utc))
show(lambda: datetime(2024, 1, 1) == datetime(2024, 1, 1, tzinfo=utc))
show(lambda: datetime(2024, 1, 1) - datetime(2024, 1, 1, tzinfo=utc))
show(lambda: date(2024, 1, 1) == datetime(2024, 1, 1))
show(lambda: date(2024, 1, 1) < datetime(2024, 1, 1))

show(lambda: date(9999, 12, 31) + timedelta(1))
for s in ['2024-01-05', '2024-01-05T10:20', '2024-01-05 10:20:30.5', '2024-01-05T10:20:30Z',
          '2024-01-05T10:20:30-03:00', '20240105T102030', '2024-01-05T10', '2024-01-05X10:20',
          '2024-01-05T', 'nope', '2024-01-05T10:20:30.123456789', '2024-W01-1T10:00']:
    show(datetime.fromisoformat, s)
for s, f in [('2024-01-05 10:20', '%Y-%m-%d %H:%M'), ('5 March 2021', '%d %B %Y'),
             ('Mon, 05 Feb 24 03:04:05 PM', '%a, %d %b %y %I:%M:%S %p'),
             ('2024-01-05T10:20:30+0530', '%Y-%m-%dT%H:%M:%S%z'), ('2024-01-05x', '%Y-%m-%d'),
             ('2024/01/05', '%Y-%m-%d'), ('2024 100', '%Y %j'), ('  12:00', '%H:%M')]:
    show(datetime.strptime, s, f)
d = datetime(2021, 12, 31, 23, 59, 59, 500000)
print(f'{d:%Y/%m/%d}', f'{d}', f'{d.date():%A}', format(d, ''), d.replace(year=2020, microsecond=0),
      d.weekday(), d.isocalendar(), d.timetuple()[:8], d.ctime(), datetime.combine(d.date(), time(1, 2)))
print(repr(datetime(2020, 1, 1, 0, 0, 1)), repr(datetime(2020, 1, 1, fold=1)), repr(time(0, 0, 0, 1, utc)))
print(sorted([datetime(2020, 5, 1), datetime(2019, 1, 1), datetime(2020, 1, 1, 5)]))
print(len({date(2020, 1, 1), date(2020, 1, 1), datetime(2020, 1, 1, 1)}), datetime.min, datetime.max, date.min, date.max, time.max)
class MyDate(date):
    pass
print(repr(MyDate(2020, 1, 2)), type(MyDate(2020, 1, 2) + timedelta(1)).__name__)
print(dt.MINYEAR, dt.MAXYEAR, type(datetime.now()).__name__, isinstance(datetime.now(), date))
