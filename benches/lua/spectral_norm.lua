-- spectral_norm: power method for the largest singular value of the infinite
-- matrix A(i, j) = 1 / ((i + j)(i + j + 1) / 2 + i + 1), truncated to n x n.
-- i and j are 0-based as in spectral_norm.py; (i + j)(i + j + 1) is even, so
-- the float division by 2 is exact. arg[1] = n (default 400).
local function eval_a(i, j)
  return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1)
end

local function mul_av(n, v, out)
  for i = 0, n - 1 do
    local s = 0.0
    for j = 0, n - 1 do
      s = s + eval_a(i, j) * v[j + 1]
    end
    out[i + 1] = s
  end
end

local function mul_atv(n, v, out)
  for i = 0, n - 1 do
    local s = 0.0
    for j = 0, n - 1 do
      s = s + eval_a(j, i) * v[j + 1]
    end
    out[i + 1] = s
  end
end

local function mul_atav(n, v, out, tmp)
  mul_av(n, v, tmp)
  mul_atv(n, tmp, out)
end

local n = tonumber(arg and arg[1]) or 400
local u, v, tmp = {}, {}, {}
for i = 1, n do
  u[i] = 1.0
  v[i] = 0.0
  tmp[i] = 0.0
end
for _ = 1, 10 do
  mul_atav(n, u, v, tmp)
  mul_atav(n, v, u, tmp)
end
local vbv, vv = 0.0, 0.0
for i = 1, n do
  vbv = vbv + u[i] * v[i]
  vv = vv + v[i] * v[i]
end
print(string.format("%.9f", math.sqrt(vbv / vv)))
