# A bank account simulation with transfers, overdraft errors, interest and a ledger.
class InsufficientFunds(Exception):
    pass
class Account:
    next_id = 1
    def __init__(self, owner, balance=0):
        self.id = Account.next_id
        Account.next_id += 1
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner} has {self.balance}, needs {amount}")
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def __repr__(self):
        return f"Account#{self.id}({self.owner}, {self.balance})"
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, owner, initial=0):
        acct = Account(owner, initial)
        self.accounts[acct.id] = acct
        return acct
    def transfer(self, src, dst, amount):
        self.accounts[src].withdraw(amount)
        self.accounts[dst].deposit(amount)
    def apply_interest(self, rate_percent):
        for acct in self.accounts.values():
            interest = acct.balance * rate_percent // 100
            if interest:
                acct.deposit(interest)
    def total(self):
        return sum(a.balance for a in self.accounts.values())
bank = Bank()
a = bank.open("alice", 1000)
b = bank.open("bob", 50)
c = bank.open("carol")
ops = [(1, 2, 300), (2, 3, 400), (2, 3, 100), (3, 1, 20), (1, 3, 5000)]
for src, dst, amt in ops:
    try:
        bank.transfer(src, dst, amt)
        print("ok", src, "->", dst, amt)
    except InsufficientFunds as e:
        print("failed:", e)
bank.apply_interest(5)
print(list(bank.accounts.values()), bank.total())
print(a.history, c.history)
try:
    c.deposit(-5)
except ValueError as e:
    print("ValueError:", e)
