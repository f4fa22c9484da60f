-- math constants, math.type, math.tointeger and math.ult.
print(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger)
print(math.type(1), math.type(1.0), math.type("1"), math.type(nil), math.type(2^63))
print(pcall(math.type))
print(math.tointeger(3.0), math.tointeger(3.5), math.tointeger(7), math.tointeger(2^63), math.tointeger(-2^63))
print(math.tointeger({}), math.tointeger(-0.0))
print(math.ult(1, 2), math.ult(-1, 2), math.ult(2, -1), math.ult(math.maxinteger, math.mininteger))
print(math.maxinteger // 1 == math.maxinteger, math.mininteger // 1 == math.mininteger)
