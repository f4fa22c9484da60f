# Augmented assignment on ints, floats, strings, lists (in place) and subscripts/attributes.
n = 10
n += 5; print(n)
n -= 3; print(n)
n *= 4; print(n)
n //= 5; print(n)
n %= 4; print(n)
n **= 10; print(n)
n <<= 3; print(n)
n >>= 2; print(n)
n |= 0xF0; print(n)
n &= 0x3C; print(n)
n ^= 0xFF; print(n)
f = 1.5
f += 1; print(f)
f /= 4; print(f)
s = "ab"
s += "cd"; s *= 2; print(s)
lst = [1]
alias = lst
lst += [2, 3]
print(lst, alias, lst is alias)
t = (1,)
talias = t
t += (2,)
print(t, talias, t is talias)
d = {"k": 1}
d["k"] += 10
print(d)
class Box:
    pass
b = Box()
b.v = 3
b.v *= 7
print(b.v)
m = [[1, 2], [3, 4]]
m[1][0] -= 10
print(m)
