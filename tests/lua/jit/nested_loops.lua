-- Nested hot loops: the inner loop becomes hot first, then the outer one.
local count, acc = 0, 0
for i = 1, 100 do
  for j = 1, 100 do
    count = count + 1
    acc = acc + (i * j) % 13
  end
end
print(count, acc)
local triangle = 0
for i = 1, 150 do
  for j = 1, i do triangle = triangle + j end
end
print(triangle)
