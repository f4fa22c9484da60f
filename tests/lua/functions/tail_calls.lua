-- Proper tail calls do not grow the stack: 100000 deep tail recursion and mutual recursion.
local function count_down(n)
  if n == 0 then return "done" end
  return count_down(n - 1)
end
print(count_down(100000))
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(is_even(100000), is_odd(100001), is_even(7))
local function acc_sum(n, acc)
  if n == 0 then return acc end
  return acc_sum(n - 1, acc + n)
end
print(acc_sum(100000, 0))
local function tail_to_builtin(s) return string.upper(s) end
print(tail_to_builtin("ok"))
local obj = { n = 0 }
function obj:step(k) if k == 0 then return self.n end self.n = self.n + 1 return self:step(k - 1) end
print(obj:step(100000))
