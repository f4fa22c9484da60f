-- matmul: tables-of-tables matrix product, the seed's 256/512/1024 matrix rows.
-- Entries are multiples of 1/4 in [-5/4, 5/4], so every product and partial sum
-- is exact in a double and the checksum does not depend on summation order.
-- arg[1] = n (default 128).
local function make(n, seed)
  local m = {}
  for i = 0, n - 1 do
    local row = {}
    for j = 0, n - 1 do
      row[j + 1] = ((i * 7 + j * 3 + seed) % 11 - 5) / 4.0
    end
    m[i + 1] = row
  end
  return m
end

local function matmul(a, b, n)
  local c = {}
  for i = 1, n do
    local ai = a[i]
    local row = {}
    for j = 1, n do
      row[j] = 0.0
    end
    for k = 1, n do
      local aik = ai[k]
      local bk = b[k]
      for j = 1, n do
        row[j] = row[j] + aik * bk[j]
      end
    end
    c[i] = row
  end
  return c
end

local n = tonumber(arg and arg[1]) or 128
local c = matmul(make(n, 1), make(n, 2), n)
local total = 0.0
for i = 1, n do
  local row = c[i]
  for j = 1, n do
    total = total + row[j]
  end
end
print(string.format("%.4f %.4f", total, c[math.floor(n / 2) + 1][math.floor(n / 3) + 1]))
