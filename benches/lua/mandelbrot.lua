-- mandelbrot: escape-time iteration over an n x n grid of the complex plane.
-- Prints the number of points that stay bounded for 50 iterations and the
-- total number of iterations. arg[1] = n (default 400).
local function mandelbrot(n)
  local inside, total = 0, 0
  for y = 0, n - 1 do
    local ci = 2.0 * y / n - 1.0
    for x = 0, n - 1 do
      local cr = 2.0 * x / n - 1.5
      local zr, zi = 0.0, 0.0
      local i = 0
      while i < 50 and zr * zr + zi * zi <= 4.0 do
        local tr = zr * zr - zi * zi + cr
        zi = 2.0 * zr * zi + ci
        zr = tr
        i = i + 1
      end
      total = total + i
      if i == 50 then
        inside = inside + 1
      end
    end
  end
  return inside, total
end

local n = tonumber(arg and arg[1]) or 400
print(string.format("%d %d", mandelbrot(n)))
