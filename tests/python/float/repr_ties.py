# repr of floats exactly halfway between two shortest decimal candidates picks the even digit
# (Gay's dtoa, as CPython), e.g. 1306266889444376.25 prints as ...376.2.
print(1306266889444376.25, 1250000000000000.25, 2**52 + 0.5, 4503599627370497.5, 0.5, 2.5, 1e23, 5e-324)
print([x / 4 for x in range(5225067557777503, 5225067557777510)])
print(123456789.125, 1 / 3, 2 ** 0.5, 0.1 + 0.2)
