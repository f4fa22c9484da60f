"""A small bank/queue simulation with classes, inheritance, properties, dataclasses and heapq."""
import heapq
import random
from dataclasses import dataclass, field
from enum import Enum
from functools import total_ordering


class Kind(Enum):
    DEPOSIT = "deposit"
    WITHDRAW = "withdraw"
    TRANSFER = "transfer"


class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount:.2f}")
        self.account = account
        self.amount = amount


class Account:
    _next_id = 1

    def __init__(self, owner, balance=0.0):
        self.id = Account._next_id
        Account._next_id += 1
        self.owner = owner
        self._balance = balance
        self.history = []

    @property
    def balance(self):
        return round(self._balance, 2)

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        self._balance += amount
        self.history.append((Kind.DEPOSIT, amount))

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(self, amount)
        self._balance -= amount
        self.history.append((Kind.WITHDRAW, amount))

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, {self.balance})"

    def __lt__(self, other):
        return self.balance < other.balance


class Savings(Account):
    rate = 0.02

    def add_interest(self):
        self.deposit(self._balance * self.rate)

    def withdraw(self, amount):
        if len([h for h in self.history if h[0] is Kind.WITHDRAW]) >= 2:
            raise PermissionError("savings accounts allow two withdrawals")
        super().withdraw(amount)


@total_ordering
@dataclass
class Event:
    time: float
    seq: int
    kind: Kind = field(compare=False)
    data: dict = field(default_factory=dict, compare=False)

    def __lt__(self, other):
        return (self.time, self.seq) < (other.time, other.seq)


class Bank:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.accounts = {}
        self.events = []
        self.seq = 0
        self.log = []

    def open(self, cls, owner, balance):
        acc = cls(owner, balance)
        self.accounts[acc.id] = acc
        return acc

    def schedule(self, time, kind, **data):
        self.seq += 1
        heapq.heappush(self.events, Event(time, self.seq, kind, data))

    def run(self):
        while self.events:
            ev = heapq.heappop(self.events)
            try:
                self.apply(ev)
            except (InsufficientFunds, PermissionError, ValueError) as e:
                self.log.append(f"t={ev.time:6.2f} FAILED {ev.kind.value}: {e}")
            else:
                self.log.append(f"t={ev.time:6.2f} ok {ev.kind.name.lower()} {sorted(ev.data.items())}")

    def apply(self, ev):
        d = ev.data
        if ev.kind is Kind.DEPOSIT:
            self.accounts[d["to"]].deposit(d["amount"])
        elif ev.kind is Kind.WITHDRAW:
            self.accounts[d["frm"]].withdraw(d["amount"])
        else:
            src, dst = self.accounts[d["frm"]], self.accounts[d["to"]]
            src.withdraw(d["amount"])
            dst.deposit(d["amount"])


bank = Bank(42)
people = ["ana", "bo", "cy", "dee"]
for i, name in enumerate(people):
    cls = Savings if i % 2 else Account
    bank.open(cls, name, 100.0 * (i + 1))
for step in range(12):
    kind = bank.rng.choice(list(Kind))
    t = round(bank.rng.uniform(0, 10), 2)
    amount = round(bank.rng.uniform(-20, 250), 2)
    a, b = bank.rng.sample(sorted(bank.accounts), 2)
    if kind is Kind.DEPOSIT:
        bank.schedule(t, kind, to=a, amount=amount)
    elif kind is Kind.WITHDRAW:
        bank.schedule(t, kind, frm=a, amount=amount)
    else:
        bank.schedule(t, kind, frm=a, to=b, amount=amount)
bank.run()
print("\n".join(bank.log))
for acc in sorted(bank.accounts.values(), reverse=True):
    if isinstance(acc, Savings):
        acc.add_interest()
    print(acc, len(acc.history), [k.value for k, _ in acc.history])
print(max(bank.accounts.values()), min(bank.accounts.values()).owner)
print(Event(1.0, 1, Kind.DEPOSIT) <= Event(1.0, 2, Kind.WITHDRAW), Event(2, 1, Kind.DEPOSIT))
print(Kind("transfer"), Kind.TRANSFER in Kind, [k.name for k in Kind], repr(Kind.DEPOSIT))
