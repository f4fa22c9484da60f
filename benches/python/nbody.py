# nbody: five planets under Newtonian gravity, integrated with a fixed step.
# Every float operation is written in the same order as nbody.lua so that all
# runtimes print the same energies. argv[1] = steps (default 200000);
# argv[2] = iterations, each restarting from the initial state ("iter K SECONDS"
# lines on stderr).
import math
import sys
import time

PI = 3.141592653589793
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24


def initial_bodies():
    # [x, y, z, vx, vy, vz, mass]: the Sun, Jupiter, Saturn, Uranus, Neptune.
    return [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS],
        [4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
         -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS],
        [8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
         2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS],
        [1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
         -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS],
        [1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
         -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS],
    ]


def offset_momentum(bodies):
    px = 0.0
    py = 0.0
    pz = 0.0
    for b in bodies:
        px = px + b[3] * b[6]
        py = py + b[4] * b[6]
        pz = pz + b[5] * b[6]
    sun = bodies[0]
    sun[3] = -px / SOLAR_MASS
    sun[4] = -py / SOLAR_MASS
    sun[5] = -pz / SOLAR_MASS


def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        bi = bodies[i]
        e = e + 0.5 * bi[6] * (bi[3] * bi[3] + bi[4] * bi[4] + bi[5] * bi[5])
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bi[0] - bj[0]
            dy = bi[1] - bj[1]
            dz = bi[2] - bj[2]
            e = e - bi[6] * bj[6] / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


def advance(bodies, dt):
    n = len(bodies)
    for i in range(n):
        bi = bodies[i]
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bi[0] - bj[0]
            dy = bi[1] - bj[1]
            dz = bi[2] - bj[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * math.sqrt(d2))
            mi = bi[6] * mag
            mj = bj[6] * mag
            bi[3] = bi[3] - dx * mj
            bi[4] = bi[4] - dy * mj
            bi[5] = bi[5] - dz * mj
            bj[3] = bj[3] + dx * mi
            bj[4] = bj[4] + dy * mi
            bj[5] = bj[5] + dz * mi
    for b in bodies:
        b[0] = b[0] + dt * b[3]
        b[1] = b[1] + dt * b[4]
        b[2] = b[2] + dt * b[5]


def run(steps):
    bodies = initial_bodies()
    offset_momentum(bodies)
    before = energy(bodies)
    for _ in range(steps):
        advance(bodies, 0.01)
    return before, energy(bodies)


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    iters = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    result = None
    for k in range(1, iters + 1):
        t0 = time.process_time()
        result = run(steps)
        if iters > 1:
            sys.stderr.write("iter %d %.6f\n" % (k, time.process_time() - t0))
    print("%.9f %.9f" % result)


main()
