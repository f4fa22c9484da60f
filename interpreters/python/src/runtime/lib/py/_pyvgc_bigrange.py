"""range() over ints beyond 64 bits, for pyvgc.

pyvgc's built-in range object holds 64-bit bounds; range() builds an instance of the class below
when a bound or the length does not fit. It behaves as CPython's range (iteration, len, indexing,
slicing, membership, index, count, equality, hashing, repr, start/stop/step) and prints as
`range`, but it is not an instance of the built-in class: `isinstance(r, range)` is False and
`type(r) is range` too.
"""

import sys


def _index(v):
    if isinstance(v, int):
        return int(v)
    f = getattr(type(v), "__index__", None)
    if f is None:
        raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
    return f(v)


class longrange_iterator:
    __slots__ = ("_next", "_step", "_left")

    def __init__(self, first, step, count):
        self._next = first
        self._step = step
        self._left = count

    def __iter__(self):
        return self

    def __next__(self):
        if self._left <= 0:
            raise StopIteration
        v = self._next
        self._next = v + self._step
        self._left -= 1
        return v

    def __length_hint__(self):
        return self._left


class range:
    __slots__ = ("_start", "_stop", "_step", "_len")

    def __init__(self, start, stop, step):
        start, stop, step = _index(start), _index(stop), _index(step)
        if step == 0:
            raise ValueError("range() arg 3 must not be zero")
        self._start = start
        self._stop = stop
        self._step = step
        if step > 0:
            n = (stop - start + step - 1) // step
        else:
            n = (start - stop - step - 1) // -step
        self._len = n if n > 0 else 0

    @property
    def start(self):
        return self._start

    @property
    def stop(self):
        return self._stop

    @property
    def step(self):
        return self._step

    def __repr__(self):
        if self._step == 1:
            return f"range({self._start}, {self._stop})"
        return f"range({self._start}, {self._stop}, {self._step})"

    def __len__(self):
        if self._len > sys.maxsize:
            raise OverflowError("Python int too large to convert to C ssize_t")
        return self._len

    def __bool__(self):
        return self._len > 0

    def __iter__(self):
        return longrange_iterator(self._start, self._step, self._len)

    def __reversed__(self):
        last = self._start + (self._len - 1) * self._step
        return longrange_iterator(last, -self._step, self._len)

    def __contains__(self, x):
        if type(x) is not int and type(x) is not bool:
            return any(x == v for v in self)
        if self._step > 0:
            inside = self._start <= x < self._stop
        else:
            inside = self._stop < x <= self._start
        return inside and (x - self._start) % self._step == 0

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(self._len)
            return range(
                self._start + start * self._step,
                self._start + stop * self._step,
                self._step * step,
            )
        i = _index(i)
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("range object index out of range")
        return self._start + i * self._step

    def index(self, x):
        if x in self and (type(x) is int or type(x) is bool):
            return (x - self._start) // self._step
        for n, v in enumerate(self):
            if v == x:
                return n
        raise ValueError(f"{x!r} is not in range")

    def count(self, x):
        if type(x) is int or type(x) is bool:
            return 1 if x in self else 0
        return sum(1 for v in self if v == x)

    def _key(self):
        if self._len == 0:
            return (0, None, None)
        if self._len == 1:
            return (1, self._start, None)
        return (self._len, self._start, self._step)

    def __eq__(self, other):
        if not hasattr(other, "start") or not hasattr(other, "step") or not hasattr(other, "stop"):
            return NotImplemented
        if type(other).__name__ != "range":
            return NotImplemented
        if not isinstance(other, range):
            other = range(other.start, other.stop, other.step)
        return self._key() == other._key()

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self):
        return hash(self._key())


range.__module__ = "builtins"
