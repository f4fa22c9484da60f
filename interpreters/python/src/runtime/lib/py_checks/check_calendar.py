import calendar
print(calendar.isleap(2000), calendar.isleap(1900), calendar.leapdays(1900, 2024), calendar.weekday(2024, 2, 29), calendar.monthrange(2023, 2), calendar.monthrange(2024, 2))
print(calendar.monthcalendar(2024, 3))
print(calendar.month(2024, 2), end='')
print(calendar.month(2021, 8, w=4, l=2), end='')
print(calendar.calendar(2023), end='')
print(calendar.calendar(2024, w=3, l=1, c=4, m=4), end='')
tc = calendar.TextCalendar(calendar.SUNDAY)
print(tc.formatmonth(2025, 11), end='')
print(tc.formatweekheader(9))
cal = calendar.Calendar(firstweekday=6)
print(list(cal.iterweekdays()), list(cal.itermonthdates(2024, 12))[:3], list(cal.itermonthdays2(2024, 2))[:9])
print([list(x) for x in cal.itermonthdays4(2024, 1)][:2], len(cal.monthdatescalendar(2024, 6)), cal.yeardayscalendar(2024, 6)[0][0][0])
print(list(calendar.month_name), list(calendar.day_abbr), calendar.timegm((2024, 1, 2, 3, 4, 5, 0, 0, 0)))
calendar.prmonth(1999, 12)
for bad in [lambda: calendar.monthrange(2024, 13), lambda: calendar.setfirstweekday(9)]:
    try:
        bad()
    except ValueError as e:
        print(type(e).__name__, e)
