-- if/elseif/else chains choose the first true branch; only nil and false are false.
local function classify(n)
  if n < 0 then return "negative"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  else return "large" end
end
for _, n in ipairs({ -5, 0, 3, 10, 2.5 }) do print(n, classify(n)) end
local function truth(v) if v then return "truthy" else return "falsy" end end
print(truth(0), truth(""), truth(nil), truth(false), truth({}))
if false then print("never") end
if nil then print("never") elseif 1 then print("elseif taken") end
