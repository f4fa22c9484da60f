# oo_sim: an object-oriented ecosystem simulation: a class hierarchy (Plant,
# Grazer, Hunter under Agent), virtual method calls, attribute reads and writes,
# and a world object handing out pseudo-random numbers. Integer arithmetic only.
# argv[1] = ticks (default 2000); argv[2] = iterations ("iter K SECONDS" on stderr).
import sys
import time


class Agent(object):
    def __init__(self, energy):
        self.energy = energy

    def alive(self):
        return self.energy > 0

    def bite(self, amount):
        taken = amount if amount < self.energy else self.energy
        self.energy = self.energy - taken
        return taken


class Plant(Agent):
    def kind(self):
        return 0

    def step(self, world):
        self.energy = self.energy + 3
        if self.energy > 60:
            self.energy = 60


class Grazer(Agent):
    def kind(self):
        return 1

    def step(self, world):
        target = world.agent_at(world.rand() % world.size)
        if target.kind() == 0:
            self.energy = self.energy + target.bite(6)
        self.energy = self.energy - 2


class Hunter(Agent):
    def kind(self):
        return 2

    def step(self, world):
        target = world.agent_at(world.rand() % world.size)
        if target.kind() == 1:
            self.energy = self.energy + target.bite(9)
        self.energy = self.energy - 1


class World(object):
    def __init__(self, size, seed):
        self.size = size
        self.seed = seed
        self.agents = []
        for i in range(size):
            self.agents.append(self.spawn())

    def rand(self):
        self.seed = self.seed * 16807 % 2147483647
        return self.seed

    def agent_at(self, i):
        return self.agents[i]

    def spawn(self):
        r = self.rand() % 10
        if r < 6:
            return Plant(20)
        if r < 9:
            return Grazer(30)
        return Hunter(40)

    def tick(self):
        for a in self.agents:
            a.step(self)
        for i in range(self.size):
            if not self.agents[i].alive():
                self.agents[i] = self.spawn()


def run(ticks):
    world = World(500, 12345)
    for _ in range(ticks):
        world.tick()
    census = [0, 0, 0]
    energy = 0
    for a in world.agents:
        census[a.kind()] += 1
        energy += a.energy
    return census[0], census[1], census[2], energy


def main():
    ticks = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    iters = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    result = None
    for k in range(1, iters + 1):
        t0 = time.process_time()
        result = run(ticks)
        if iters > 1:
            sys.stderr.write("iter %d %.6f\n" % (k, time.process_time() - t0))
    print("%d %d %d %d" % result)


main()
