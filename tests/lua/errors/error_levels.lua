-- error's level argument picks whose position is reported: 1 = here, 2 = the caller, 0 = none.
local function check(v)
  if type(v) ~= "number" then error("expected a number", 2) end
  return v
end
local function level1() error("at level 1", 1) end
local function level3_inner() error("at level 3", 3) end
local function level3_mid() level3_inner() end
print(pcall(function() check("x") end))
print(pcall(level1))
print(pcall(function()
  level3_mid()
end))
print(pcall(function() error("level zero", 0) end))
print(pcall(function() error({ "table" }, 2) end) == false)
