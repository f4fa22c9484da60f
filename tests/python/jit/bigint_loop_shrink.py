# A value goes big then back to small inside a hot loop.
v = 1
trace = []
for i in range(3000):
    if i < 1500:
        v *= 2
    else:
        v //= 2
    if i % 500 == 0:
        trace.append(v.bit_length())
print(v, trace)
