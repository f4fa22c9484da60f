-- Nested tables: a matrix, a tree, and shared references between tables.
local m = {}
for i = 1, 3 do
  m[i] = {}
  for j = 1, 3 do m[i][j] = i * 10 + j end
end
print(m[1][1], m[2][3], m[3][2], #m, #m[1])
local tree = { value = 1, children = { { value = 2, children = {} }, { value = 3, children = { { value = 4, children = {} } } } } }
local function total(node)
  local s = node.value
  for _, child in ipairs(node.children) do s = s + total(child) end
  return s
end
print(total(tree))
local shared = { count = 0 }
local x, y = { ref = shared }, { ref = shared }
x.ref.count = x.ref.count + 1
y.ref.count = y.ref.count + 1
print(shared.count, x.ref == y.ref)
local deep = {}
local cur = deep
for i = 1, 50 do cur.next = { depth = i }; cur = cur.next end
local depth, node = 0, deep.next
while node do depth = node.depth; node = node.next end
print(depth)
