"""CPython stand-in for pyvgc's native `_pyvgc_random`, used only by the differential harness:
it drives CPython's own C Mersenne Twister, so the check compares the bundled random.py's
algorithms with CPython's random.py on the same generator. (The Rust generator itself is
checked against CPython in support::mt's tests.)"""

import _random

_generators = []


def new():
    _generators.append(_random.Random())
    return len(_generators) - 1


def seed(h, n):
    _generators[h].seed(n)


def random(h):
    return _generators[h].random()


def getrandbits(h, k):
    return _generators[h].getrandbits(k)


def randbelow(h, n):
    if n <= 0:
        return 0
    k = n.bit_length()
    r = _generators[h].getrandbits(k)
    while r >= n:
        r = _generators[h].getrandbits(k)
    return r


def getstate(h):
    return _generators[h].getstate()


def setstate(h, state):
    _generators[h].setstate(state)
