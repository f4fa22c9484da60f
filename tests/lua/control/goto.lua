-- goto: the continue idiom, leaving nested loops, and a backward jump forming a loop.
for i = 1, 6 do
  if i % 2 == 0 then goto continue end
  io.write(i, " ")
  ::continue::
end
print()
for i = 1, 3 do
  for j = 1, 3 do
    if i + j == 4 then
      print("found", i, j)
      goto done
    end
  end
end
::done::
local n = 0
::again::
n = n + 1
if n < 5 then goto again end
print("backward goto count:", n)
do
  local fns = {}
  local i = 1
  ::top::
  local x = i
  fns[i] = function() return x end
  i = i + 1
  if i <= 3 then goto top end
  print(fns[1](), fns[2](), fns[3]())
end
