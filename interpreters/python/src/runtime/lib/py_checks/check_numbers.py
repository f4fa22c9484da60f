import numbers, fractions
for v in [1, True, 2.5, fractions.Fraction(1, 3), 'x', None]:
    print(repr(v), [isinstance(v, c) for c in (numbers.Number, numbers.Complex, numbers.Real, numbers.Rational, numbers.Integral)])
print(issubclass(int, numbers.Real), issubclass(float, numbers.Integral), issubclass(bool, numbers.Number))
class MyNum(numbers.Real):
    pass
try:
    MyNum()
except TypeError as e:
    print('TypeError', str(e).split(' with')[0])
numbers.Number.register(str)
print(isinstance('s', numbers.Number))
