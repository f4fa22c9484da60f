-- Scoping, shadowing, <const>, <close>, goto and labels.
local x = 1
do local x = 2; print(x) end
print(x)
local x = x + 10
print(x)
local function shadow(x) local x = x * 2; do local x = x + 1; return x end end
print(shadow(5))
local K <const> = 42
local S <const> = "str"
local F <const> = 1.5
local N <const> = nil
local B <const> = false
local NEG <const> = -K
local SUM <const> = K + 1
print(K, S, F, N, B, NEG, SUM, K * 2, S .. "!", -F)
local function usek() return K, S end
print(usek())
local mut <const> = {1}
mut[1] = 2
print(mut[1])
local v <const> = x
print(v)
local log = {}
local function closer(name)
  return setmetatable({}, {__close = function(_, err) log[#log + 1] = name end})
end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  local c <close> = nil
  log[#log + 1] = "body"
end
print(table.concat(log, " "))
log = {}
local function withclose()
  local r <close> = closer("r")
  return "ret"
end
print(withclose(), table.concat(log, " "))
log = {}
for i = 1, 2 do
  local l <close> = closer("l" .. i)
  if i == 2 then break end
end
print(table.concat(log, " "))
log = {}
local function gen(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end, nil, nil, closer("iter")
end
for i in gen(2) do log[#log + 1] = "i" .. i end
print(table.concat(log, " "))
log = {}
for i in gen(5) do if i == 2 then break end log[#log + 1] = "i" .. i end
print(table.concat(log, " "))
do
  local i = 1
  ::top::
  local j = i * 2
  log[#log + 1] = j
  i = i + 1
  if i <= 3 then goto top end
end
print(table.concat(log, " "))
do
  goto skip
  print("skipped")
  ::skip::
end
local caps = {}
do
  local n = 0
  ::again::
  do
    local captured = n
    caps[#caps + 1] = function() return captured end
  end
  n = n + 1
  if n < 3 then goto again end
end
print(caps[1](), caps[2](), caps[3]())
local blockcaps = {}
for i = 1, 3 do
  local z = i
  if i == 2 then goto cont end
  blockcaps[#blockcaps + 1] = function() return z end
  ::cont::
end
print(#blockcaps, blockcaps[1](), blockcaps[2]())
local w = 0
while true do
  local cap = w
  local f = function() return cap end
  w = w + 1
  if w > 2 then print("last", f()) break end
end
