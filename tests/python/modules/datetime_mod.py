# datetime: dates, times, timedeltas, time zones, arithmetic, formatting and parsing.
from datetime import date, time, datetime, timedelta, timezone
import datetime as dt
d = date(2024, 2, 28)
print(d, repr(d), d + timedelta(days=2), d - date(2023, 12, 25), d.weekday(), d.isoweekday(), d.isocalendar())
print(d.strftime('%A %d %B %Y, day %j, week %U/%W, %a %b %y %m/%d'), d.ctime(), date.fromordinal(738000))
print(date.fromisoformat('2021-03-04'), date.fromisocalendar(2020, 53, 7), d.replace(day=1), date(2020, 1, 1) < d)
td = timedelta(days=1, hours=25, minutes=61, seconds=3.5, microseconds=7)
print(td, repr(td), td.total_seconds(), -td, abs(-td), td * 2, td / 3, td // timedelta(hours=1), td % timedelta(hours=7))
print(timedelta(0), repr(timedelta(0)), timedelta(days=-1), timedelta(weeks=1, milliseconds=250), timedelta(hours=1.5) * 0.3)
print(divmod(timedelta(hours=10), timedelta(hours=3)), timedelta(hours=1) / timedelta(minutes=7), bool(timedelta()))
t = time(13, 5, 9, 120)
print(t, repr(t), t.isoformat('minutes'), t.strftime('%I:%M %p'), time(7), repr(time(7)), time.fromisoformat('23:59:01.5'))
x = datetime(2023, 12, 31, 23, 59, 30, 500000)
print(x, repr(x), x + timedelta(seconds=45), x - datetime(2023, 1, 1), x.date(), x.time(), x.isoformat(timespec='seconds'))
print(x.strftime('%Y-%m-%dT%H:%M:%S.%f %c | %x %X'), x.timetuple()[:7], f'{x:%d.%m.%Y}', f'{x}')
print(datetime.strptime('2022-07-04 09:15', '%Y-%m-%d %H:%M'), datetime.strptime('3 Mar 99 11PM', '%d %b %y %I%p'))
print(datetime.fromisoformat('2011-11-04T00:05:23+04:00'), datetime.fromisoformat('2011-11-04 00:05'), datetime.combine(d, t))
utc = timezone.utc
ist = timezone(timedelta(hours=5, minutes=30), 'IST')
a = datetime(2024, 5, 1, 12, 0, tzinfo=utc)
b = a.astimezone(ist)
print(repr(a), a, repr(b), b, a == b, b - a, b.utcoffset(), b.tzname(), b.strftime('%z %Z'), str(timezone(-timedelta(hours=3))))
print(a.timestamp(), datetime.fromtimestamp(86400 * 365, utc), datetime.utcfromtimestamp(1e9), repr(timezone(timedelta(hours=2))))
print(sorted([datetime(2020, 5, 1), datetime(2019, 1, 1, 5), datetime(2020, 1, 1)]), datetime.max, date.min, timedelta.max)
for bad in [lambda: date(2023, 2, 29), lambda: time(25), lambda: datetime.strptime('x', '%Y'), lambda: datetime.fromisoformat('2020-13-01'),
            lambda: datetime(2020, 1, 1) < a, lambda: date.max + timedelta(1)]:
    try:
        bad()
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
print(dt.MINYEAR, dt.MAXYEAR, type(datetime.now()).__name__, datetime.now() > datetime(2020, 1, 1), isinstance(x, date))
