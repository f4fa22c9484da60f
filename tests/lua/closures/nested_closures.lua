-- Upvalues several levels deep, and closures that outlive the function that created them.
local function outer()
  local a = 1
  return function()
    local b = 10
    return function()
      local c = 100
      a = a + 1
      return function() return a + b + c end
    end
  end
end
local level1 = outer()
local level2 = level1()
local level3 = level2()
print(level3())
local level3b = level2()
print(level3(), level3b())
local function adder(x) return function(y) return function(z) return x + y + z end end end
print(adder(1)(2)(3), adder("1")(2)(3.5))
local function curry3(f) return function(a) return function(b) return function(c) return f(a, b, c) end end end end
print(curry3(string.rep)("ab")(3)("-"))
