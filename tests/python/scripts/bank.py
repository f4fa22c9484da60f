# A bank account simulation: classes, exceptions, custom exception hierarchy, __repr__/__eq__,
# class methods, properties, context managers and an uncaught error at the end (exit 1).
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"need {needed}, have {available}")
        self.needed = needed
        self.available = available


class Account:
    _next_id = 1
    interest = 0.02

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.id = Account._next_id
        Account._next_id += 1
        self.history = []

    @classmethod
    def joint(cls, a, b):
        return cls(f"{a}&{b}")

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(("dep", amount))
        return self

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(amount, self._balance)
        self._balance -= amount
        self.history.append(("wd", amount))
        return self

    def __repr__(self):
        return f"Account({self.owner!r}, {self._balance})"

    def __eq__(self, other):
        return isinstance(other, Account) and self.id == other.id

    def __lt__(self, other):
        return self._balance < other._balance


class Savings(Account):
    interest = 0.05

    def add_interest(self):
        self._balance = round(self._balance * (1 + self.interest), 2)
        return self._balance


class Transaction:
    def __init__(self, *accounts):
        self.accounts = accounts
        self.saved = None

    def __enter__(self):
        self.saved = [a._balance for a in self.accounts]
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            for a, b in zip(self.accounts, self.saved):
                a._balance = b
            print("rolled back:", exc_type.__name__, exc)
            return True
        return False


a = Account("ann", 100)
b = Savings("bob", 50)
c = Account.joint("ann", "bob")
print(a, b, c, a.id, b.id, c.id)
a.deposit(25).withdraw(10)
print(a.balance, a.history)
try:
    b.withdraw(500)
except InsufficientFunds as e:
    print("error:", e, e.needed, e.available, isinstance(e, Exception))
try:
    a.deposit(-5)
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)
print(b.add_interest(), Savings.interest, Account.interest, b.interest)
with Transaction(a, b):
    a.withdraw(50)
    b.deposit(50)
    b.withdraw(1000)
print(a, b)
with Transaction(a):
    a.withdraw(5)
print(a)
print(sorted([a, b, c]), a == a, a == b, a != c)
print(max([a, b, c]).owner, [x.owner for x in sorted([a, b, c], reverse=True)])
try:
    try:
        c.withdraw(1)
    except InsufficientFunds as e:
        raise RuntimeError("transfer failed") from e
except RuntimeError as e:
    print(e, "<-", repr(e.__cause__))
c.withdraw(99)
