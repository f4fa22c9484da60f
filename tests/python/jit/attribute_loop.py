# Attribute reads and writes on instances inside hot loops.
class Particle:
    def __init__(self, x, v):
        self.x = x
        self.v = v
ps = [Particle(i, i % 7 - 3) for i in range(50)]
for step in range(200):
    for p in ps:
        p.x += p.v
        if p.x < 0 or p.x > 1000:
            p.v = -p.v
print(sum(p.x for p in ps), [p.x for p in ps[:5]])
