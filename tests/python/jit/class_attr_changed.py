# A class attribute read in a hot loop is changed during the loop; later reads see the new value.
class Config:
    scale = 1
total = 0
for i in range(6000):
    if i == 3000:
        Config.scale = 10
    total += Config.scale
print(total)
class Shape:
    sides = 3
s = Shape()
acc = 0
for i in range(4000):
    if i == 2000:
        s.sides = 100
    acc += s.sides
print(acc)
