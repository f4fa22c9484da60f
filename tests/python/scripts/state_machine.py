# A vending machine state machine: __init_subclass__ registries, class-level dicts, copy and
# deepcopy, __slots__ classes, string enums via constants, and sys.exit with a status code.
import copy
import sys


class State:
    registry = {}

    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        State.registry[key or cls.__name__.lower()] = cls

    def __init__(self, machine):
        self.machine = machine

    def handle(self, event, arg):
        raise NotImplementedError


class Idle(State, key="idle"):
    def handle(self, event, arg):
        if event == "coin":
            self.machine.credit += arg
            return "paying"
        return "idle"


class Paying(State, key="paying"):
    def handle(self, event, arg):
        if event == "coin":
            self.machine.credit += arg
        elif event == "select":
            price = self.machine.prices.get(arg)
            if price is None:
                self.machine.log.append(f"unknown {arg}")
            elif self.machine.credit >= price:
                self.machine.credit -= price
                self.machine.stock[arg] -= 1
                self.machine.log.append(f"vend {arg}")
                return "idle" if self.machine.credit == 0 else "paying"
            else:
                self.machine.log.append(f"need {price - self.machine.credit}")
        elif event == "refund":
            self.machine.log.append(f"refund {self.machine.credit}")
            self.machine.credit = 0
            return "idle"
        return "paying"


class Slot:
    __slots__ = ("name", "count")

    def __init__(self, name, count):
        self.name, self.count = name, count

    def __repr__(self):
        return f"Slot({self.name}, {self.count})"


class Machine:
    def __init__(self):
        self.state = "idle"
        self.credit = 0
        self.prices = {"cola": 150, "chips": 100}
        self.stock = {"cola": 2, "chips": 5}
        self.log = []

    def feed(self, *events):
        for ev in events:
            name, arg = (ev + (None,))[:2]
            self.state = State.registry[self.state](self).handle(name, arg)
        return self


print(sorted(State.registry))
m = Machine().feed(("coin", 100), ("select", "cola"), ("coin", 100), ("select", "cola"), ("select", "tea"), ("refund",))
print(m.state, m.credit, m.stock, m.log)
snapshot = copy.deepcopy(m)
shallow = copy.copy(m)
m.feed(("coin", 200), ("select", "chips"))
print(m.log[-2:], snapshot.log[-1], shallow.log is m.log, snapshot.stock, m.stock)
slots = [Slot("a", 1), Slot("b", 2)]
print(slots, copy.deepcopy(slots)[1].count, [s.name for s in slots])
codes = {"idle": 0, "paying": 2}
status = codes[m.state] + len(m.log)
print("exiting with", status)
sys.exit(status)
