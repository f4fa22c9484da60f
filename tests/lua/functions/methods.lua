-- Method definitions and calls with ':', which pass the receiver as 'self'.
local Account = {}
Account.__index = Account
function Account.new(owner, balance) return setmetatable({ owner = owner, balance = balance }, Account) end
function Account:deposit(v) self.balance = self.balance + v; return self end
function Account:withdraw(v)
  if v > self.balance then error("insufficient funds", 2) end
  self.balance = self.balance - v
  return self
end
function Account:report() return self.owner .. ": " .. self.balance end
local acc = Account.new("ann", 100)
print(acc:deposit(50):withdraw(30):report())
print(pcall(acc.withdraw, acc, 1000))
print(Account.report(acc), acc.report == Account.report)
local str = "chain"
print(str:upper():lower():rep(2))
local t = { f = function(self, x) return self == nil, x end }
print(t.f(nil, 1), t:f(2))
