-- Numeric for: integer and float loops, negative steps, empty ranges, float limits with integer starts.
local function collect(a, b, c)
  local out = {}
  if c then
    for i = a, b, c do out[#out + 1] = tostring(i) end
  else
    for i = a, b do out[#out + 1] = tostring(i) end
  end
  return table.concat(out, " ")
end
print(collect(1, 5))
print(collect(5, 1, -1))
print(collect(1, 10, 3))
print(collect(10, 1, -4))
print("[" .. collect(1, 0) .. "]", "[" .. collect(0, 1, -1) .. "]")
print(collect(0, 1, 0.25))
print(collect(1.0, 3))
print(collect(1, 3.5))
print(collect(1, 2.9999))
print(collect(3, 1.5, -0.5))
print(collect(-3, -1))
for i = 1, 3 do local j = i * 2; i = j end
local count = 0
for i = 1, 3 do i = i + 10; count = count + 1 end
print("assigning the loop variable does not change the loop:", count)
print(pcall(function() for i = 1, 10, 0 do end end))
print(pcall(function() for i = 1, "x" do end end))
print(pcall(function() for i = 1.0, 2, 0.0 do end end))
