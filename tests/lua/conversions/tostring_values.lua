-- tostring of integers, floats, booleans, nil and strings.
print(tostring(0), tostring(-0), tostring(12), tostring(-12), tostring(math.mininteger))
print(tostring(0.0), tostring(-0.0), tostring(1.5), tostring(1e20), tostring(1e-20), tostring(123456.789))
print(tostring(true), tostring(false), tostring(nil), tostring("already a string"))
print(tostring(1/0), tostring(-1/0), tostring(2^63), tostring(2^24), tostring(255 / 256))
print(pcall(tostring))
print(type(tostring(print)), type(tostring({})))
print(tostring(1e15), tostring(1e14 + 0.5), tostring(-1e15), tostring(10 // 3.0))
