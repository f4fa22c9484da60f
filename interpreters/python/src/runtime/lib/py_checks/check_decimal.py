from decimal import (Decimal, getcontext, localcontext, ROUND_HALF_UP, ROUND_DOWN, ROUND_CEILING,
                     ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_UP, ROUND_05UP, ROUND_HALF_EVEN,
                     InvalidOperation, DivisionByZero)
import fractions
D = Decimal
vals = ['0', '-0', '1', '1.10', '2.2', '-3.50', '123.456', '1E+3', '0.000001', '1e-7', '7',
        '100', '-0.5', '2.5', '12345678901234567890.123456789', '9.99', '1.0000', '3']
for a in vals:
    x = D(a)
    print(repr(x), str(x), x.as_tuple(), x.adjusted(), -x, +x, abs(x), int(x), float(x), bool(x), hash(x) == hash(float(x)) if x == float(x) else '-')
for a in vals[:10]:
    for b in vals[:12]:
        x, y = D(a), D(b)
        row = [x + y, x - y, x * y, x == y, x < y, x >= y]
        for op in (lambda: x / y, lambda: x // y, lambda: x % y):
            try:
                row.append(op())
            except (InvalidOperation, DivisionByZero) as e:
                row.append(type(e).__name__)
        print(a, b, *row)
print(D('1.1') + D('2.2'), D('1.1') + 2, 2 - D('0.5'), D(3) * 4, 10 / D(4), D(1) / D(3), D(2) / D(3), D(-7) // D(2), D(-7) % D(2), divmod(D(7), D(2)))
print(D(0.1), D(1.5), D(-2.0), D(10 ** 30), D('  12.50  '), D((1, (3, 1, 4), -2)), D('1_000.5'))
for mode in (ROUND_HALF_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_UP, ROUND_05UP, ROUND_HALF_EVEN):
    print(mode, [str(D(v).quantize(D('0.1'), rounding=mode)) for v in ('1.25', '1.35', '-1.25', '1.21', '-1.29', '0.05', '1.50')])
print(D('3.14159').quantize(D('0.01')), D('2.5').quantize(D('1')), round(D('2.5')), round(D('3.5')), round(D('2.675'), 2), D('7.25').to_integral_value())
print(D('1.2300').normalize(), D('100').normalize(), D('0.00').normalize(), D(2).sqrt(), D('0.25').sqrt(), D(16).sqrt(), D('1e-4').sqrt())
with localcontext() as ctx:
    ctx.prec = 5
    print(D(1) / D(7), D('123.456789') + 0, D(2) ** 10, D(2) ** -2, D('1.5') ** 3)
getcontext().prec = 6
print(D(1) / D(3), D('1234567.5') * 1)
getcontext().prec = 28
getcontext().rounding = ROUND_HALF_EVEN
print(sorted([D('1.5'), D('-2'), D('0.25'), D(1)]), max(D('1.5'), D('1.50')), sum([D('0.1')] * 10), D('0.1') * 3 == D('0.3'))
print(D('1.5') == 1.5, D('0.1') == 0.1, D(2) == 2, D('2.0') == 2, D('0.5') == fractions.Fraction(1, 2), D('1') < 1.5, {D('1.0'): 'x'}[1])
print(f"{D('3.14159'):.2f}", format(D('1234.5'), '>10'), format(D('0.125'), '.1%'), format(D('12345.678'), '.3e'), f"{D('2.5'):f}")
print(D('Infinity'), D('-inf'), D('NaN'), D('inf') > D(10**50), D('1E+2'), D('1E2') + 0, D('0E-3'), D('-0') + D('0'), D('1e-10'), D('123e-10'), D('0.0000001234'))
for bad in ('abc', '1.2.3', '', 'e5'):
    try:
        D(bad)
    except InvalidOperation:
        print('InvalidOperation', repr(bad))
try:
    D(1) / D(0)
except DivisionByZero as e:
    print('DivisionByZero', isinstance(e, ZeroDivisionError))
try:
    D('1.5') + 1.5
except TypeError as e:
    print('TypeError')
